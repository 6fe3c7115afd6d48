import Foundation
import FuzzCorpusSupport
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
