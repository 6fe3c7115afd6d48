import Foundation
import Logging
import NIOConcurrencyHelpers

/// Appends log lines to one file, so nothing is ever written over the terminal UI.
public struct FileLogHandler: LogHandler {
    private final class Sink: Sendable {
        let handle: NIOLockedValueBox<FileHandle?>
        init(path: String) {
            let directory = (path as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            let file = FileHandle(forWritingAtPath: path)
            _ = try? file?.seekToEnd()
            handle = NIOLockedValueBox(file)
        }
        func write(_ line: String) {
            handle.withLockedValue { $0?.write(Data(line.utf8)) }
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
        sink.write("\(Self.timestamp()) \(event.level) \(label): \(event.message)\(meta)\n")
    }

    /// UTC, ISO 8601 with milliseconds. Made by hand: `ISO8601DateFormatter` loads ICU and its
    /// data into memory (megabytes resident) for the first log line.
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(now.tv_nsec / 1_000_000), 3))Z"
    }
}
