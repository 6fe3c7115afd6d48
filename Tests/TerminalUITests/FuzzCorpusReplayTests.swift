import Foundation
import FuzzCorpusSupport
import Testing
import TerminalUI

/// Replays Fuzz/Corpus/terminal-input (seeds and every input that once found a bug) through the
/// same reads as Fuzz/Sources/fuzz-terminal-input: NUL ends a read, 0x01 is a key ncurses
/// decoded, the rest is UTF-8. No fuzzing here.
@Suite struct FuzzCorpusReplayTests {
    @Test func theCorpusIsFound() {
        #expect(!FuzzCorpus.inputs("terminal-input").isEmpty)
    }

    @Test(arguments: FuzzCorpus.inputs("terminal-input"))
    func pastesStayBoundedAndMarkersNeverLeak(_ input: FuzzCorpus.Input) {
        var parser = BracketedPasteParser()
        for read in input.bytes.split(separator: 0, omittingEmptySubsequences: false) {
            var outputs: [BracketedPasteParser.Output] = []
            for piece in read.split(separator: 0x01, omittingEmptySubsequences: false).enumerated() {
                if piece.offset > 0 { parser.feed(.decoded(.key(.up)), into: &outputs) }
                for scalar in String(decoding: piece.element, as: UTF8.self).unicodeScalars {
                    parser.feed(.character(scalar.value), into: &outputs)
                }
            }
            outputs += parser.flush()
            for output in UnknownEscapeSequences.drop(outputs) {
                guard case .paste(let text) = output else { continue }
                #expect(text.unicodeScalars.count <= BracketedPasteParser.maxPasteScalars, "\(input.name)")
                #expect(!text.contains("\u{1B}[201~"), "\(input.name)")
            }
        }
    }
}
