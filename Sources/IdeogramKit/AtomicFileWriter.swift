#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that it appears whole or not at all: bytes go to a hidden temporary file in
/// the same folder, are synced, then linked under the final name.
final class AtomicFileWriter {
    let directory: String
    let temporaryPath: String
    private var fd: Int32 = -1
    private(set) var written = 0

    init(directory: String, hint: String) throws(FileWriteError) {
        try AtomicFileWriter.makeDirectory(directory)
        self.directory = directory
        var generator = SystemRandomNumberGenerator()
        let tag = String(UInt64.random(in: 0...UInt64.max, using: &generator), radix: 36)
        // The process id lets a later run tell a dead run's leftovers from a live one's work.
        temporaryPath = directory + "/." + hint + ".part-\(getpid())-" + tag
        fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 { throw FileWriteError(path: temporaryPath, reason: errnoText(errno)) }
    }

    deinit { discard() }

    func append(_ bytes: UnsafeRawBufferPointer) throws(FileWriteError) {
        try Self.writeAll(bytes, to: fd, path: temporaryPath)
        written += bytes.count
    }

    /// Writes every byte, going on after short writes and EINTR.
    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32, path: String) throws(FileWriteError) {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw FileWriteError(path: path, reason: errnoText(errno))
            }
            offset += n
        }
    }

    /// Syncs and publishes under `name`, or `name` with -2, -3… before the extension when that
    /// exists: `link` fails rather than replace, so an earlier result is never overwritten.
    func commit(name: String, ext: String) throws(FileWriteError) -> String {
        defer { discard() }
        if fsync(fd) != 0 { throw FileWriteError(path: temporaryPath, reason: errnoText(errno)) }
        var attempt = 1
        while true {
            let candidate = directory + "/" + name + (attempt == 1 ? "" : "-\(attempt)") + (ext.isEmpty ? "" : "." + ext)
            if link(temporaryPath, candidate) == 0 { return candidate }
            if errno != EEXIST { throw FileWriteError(path: candidate, reason: errnoText(errno)) }
            attempt += 1
            if attempt > 10_000 { throw FileWriteError(path: candidate, reason: "too many files of that name") }
        }
    }

    /// Drops the temporary file; safe to call after a commit.
    func discard() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
        unlink(temporaryPath)
    }

    static func makeDirectory(_ path: String) throws(FileWriteError) {
        var partial = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            partial += "/" + component
            if mkdir(partial, 0o755) != 0 && errno != EEXIST {
                throw FileWriteError(path: partial, reason: errnoText(errno))
            }
        }
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw FileWriteError(path: path, reason: "not a folder")
        }
    }

    /// Writes a small companion file in place, without a temporary file or fsync: for a
    /// sidecar, whose facts the history also holds. A crash may leave it cut short, never the
    /// image beside it, which is synced before it is named.
    static func writeCompanion(_ bytes: [UInt8], to path: String) throws(FileWriteError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw FileWriteError(path: path, reason: errnoText(errno)) }
        defer { close(fd) }
        let outcome = bytes.withUnsafeBytes { raw in Result { () throws(FileWriteError) in try writeAll(raw, to: fd, path: path) } }
        try outcome.get()
    }
}

public struct FileWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(TerminalSafeText.sanitize(path, limit: 200)): \(reason)" }
}
