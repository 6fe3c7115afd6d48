import Foundation
import Logging
import Synchronization

/// Appends log lines to one file, so nothing is ever written over the terminal UI.
public struct FileLogHandler: LogHandler {
    private final class Sink: Sendable {
        let handle: Mutex<FileHandle?>
        init(path: String) {
            let directory = (path as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            let file = FileHandle(forWritingAtPath: path)
            _ = try? file?.seekToEnd()
            handle = Mutex(file)
        }
        func write(_ line: String) {
            handle.withLock { $0?.write(Data(line.utf8)) }
        }
    }

    private let sink: Sink
    private let label: String
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// One sink per file: every logger made by the returned factory shares it.
    public static func factory(path: String, level: Logger.Level) -> @Sendable (String) -> any LogHandler {
        let sink = Sink(path: path)
        return { label in FileLogHandler(sink: sink, label: label, level: level) }
    }

    private init(sink: Sink, label: String, level: Logger.Level) {
        self.sink = sink
        self.label = label
        self.logLevel = level
    }

    public func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        let meta = all.isEmpty ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let stamp = ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: [.withInternetDateTime, .withFractionalSeconds])
        sink.write("\(stamp) \(event.level) \(label): \(event.message)\(meta)\n")
    }
}
