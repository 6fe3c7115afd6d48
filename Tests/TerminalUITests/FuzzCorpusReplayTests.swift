import Foundation
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

/// The inputs of one fuzz target's corpus, Fuzz/Corpus/<target>/*.
enum FuzzCorpus {
    struct Input: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var testDescription: String { name }
    }

    static func inputs(_ target: String) -> [Input] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Fuzz/Corpus/\(target)").standardizedFileURL
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().compactMap { name in
            (try? Data(contentsOf: folder.appendingPathComponent(name))).map { Input(name: name, bytes: Array($0)) }
        }
    }

}
