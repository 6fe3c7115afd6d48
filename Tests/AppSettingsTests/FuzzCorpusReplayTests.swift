import Foundation
import Testing
import AppSettings

/// Replays Fuzz/Corpus/config (seeds and every input that once found a bug) through
/// `ConfigurationFile.load`, as Fuzz/Sources/fuzz-config does. No fuzzing here.
@Suite struct FuzzCorpusReplayTests {
    @Test func theCorpusIsFound() {
        #expect(!FuzzCorpus.inputs("config").isEmpty)
    }

    @Test(arguments: FuzzCorpus.inputs("config"))
    func configurationsLoadOrNameTheirProblemSafely(_ input: FuzzCorpus.Input) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("config.toml").path
        try Data(input.bytes).write(to: URL(fileURLWithPath: path))
        do {
            _ = try ConfigurationFile.load(path: path, directories: XDGDirectories(environment: ["HOME": folder.path]))
        } catch {
            #expect(FuzzCorpus.isTerminalSafe(error.description), "\(input.name)")
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

    /// No control character (C0, DEL, C1) reaches the terminal.
    static func isTerminalSafe(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }
}
