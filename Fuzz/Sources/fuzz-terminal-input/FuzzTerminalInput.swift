import TerminalUI

/// The bytes as what the terminal sends, as `CursesTerminal.readPendingInput` handles it: each
/// NUL ends one read (the parser keeps a paste across reads, flushes after each), 0x01 stands
/// for a key ncurses already decoded, the rest is UTF-8 text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTerminalInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    var parser = BracketedPasteParser()
    for read in UnsafeBufferPointer(start: start, count: count).split(separator: 0, omittingEmptySubsequences: false) {
        var outputs: [BracketedPasteParser.Output] = []
        for piece in read.split(separator: 0x01, omittingEmptySubsequences: false).enumerated() {
            if piece.offset > 0 { parser.feed(.decoded(.key(.up)), into: &outputs) }
            for scalar in String(decoding: piece.element, as: UTF8.self).unicodeScalars {
                parser.feed(.character(scalar.value), into: &outputs)
            }
        }
        outputs += parser.flush()
        _ = UnknownEscapeSequences.drop(outputs)
    }
    return 0
}
