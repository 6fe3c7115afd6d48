import Foundation

/// The inputs of one fuzz target's corpus, Fuzz/Corpus/<target>/*, for the test targets that
/// replay them on every run (no fuzzing time in CI).
public enum FuzzCorpus {
    public struct Input: CustomStringConvertible, Sendable {
        public var name: String
        public var bytes: [UInt8]
        /// The file's name: what a test's argument shows.
        public var description: String { name }
    }

    public static func inputs(_ target: String) -> [Input] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Fuzz/Corpus/\(target)").standardizedFileURL
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().compactMap { name in
            (try? Data(contentsOf: folder.appendingPathComponent(name))).map { Input(name: name, bytes: Array($0)) }
        }
    }

    /// No control character (C0, DEL, C1) reaches the terminal.
    public static func isTerminalSafe(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }
}
