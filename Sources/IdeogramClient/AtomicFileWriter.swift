import IdeogramKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that it appears whole or not at all: bytes go to a temporary file in the
/// same folder, are synced, then linked under the final name.
///
/// On Linux the temporary file is unnamed (`O_TMPFILE`): no directory entry to create and
/// remove per file, and nothing left behind by a crash. Elsewhere, or on a file system without
/// it, a hidden `.part` file is used.
final class AtomicFileWriter {
    let directory: String
    /// The hidden file's path, or nil when the file is unnamed.
    let temporaryPath: String?
    private var fd: Int32 = -1
    private(set) var written = 0

    init(directory: String, hint: String) throws(FileWriteError) {
        try AtomicFileWriter.makeDirectory(directory)
        self.directory = directory
        if let unnamed = Self.openUnnamed(in: directory) {
            fd = unnamed
            temporaryPath = nil
            return
        }
        var generator = SystemRandomNumberGenerator()
        let tag = String(UInt64.random(in: 0...UInt64.max, using: &generator), radix: 36)
        // The process id lets a later run tell a dead run's leftovers from a live one's work.
        let path = directory + "/." + hint + ".part-\(getpid())-" + tag
        temporaryPath = path
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 { throw FileWriteError(path: path, reason: errnoText(errno)) }
    }

    private static func openUnnamed(in directory: String) -> Int32? {
        #if os(Linux)
        // O_TMPFILE is a compound macro Swift does not import: __O_TMPFILE | O_DIRECTORY.
        let tmpFile: Int32 = 0o20_000_000 | O_DIRECTORY
        guard canLinkThroughProc else { return nil }
        let fd = open(directory, tmpFile | O_WRONLY | O_CLOEXEC, 0o644)  // the umask applies as usual
        return fd >= 0 ? fd : nil
        #else
        return nil
        #endif
    }

    /// Naming an unnamed file goes through /proc/self/fd; checked once per process.
    private static let canLinkThroughProc = access("/proc/self/fd", X_OK) == 0

    /// What an error names for the file being written.
    private var shownPath: String { temporaryPath ?? directory + "/(temporary file)" }

    deinit { discard() }

    func append(_ bytes: UnsafeRawBufferPointer) throws(FileWriteError) {
        try Self.writeAll(bytes, to: fd, path: shownPath)
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
        if fsync(fd) != 0 { throw FileWriteError(path: shownPath, reason: errnoText(errno)) }
        let source = temporaryPath ?? "/proc/self/fd/\(fd)"
        var attempt = 1
        while true {
            let candidate = directory + "/" + name + (attempt == 1 ? "" : "-\(attempt)") + (ext.isEmpty ? "" : "." + ext)
            // linkat with AT_SYMLINK_FOLLOW gives an unnamed file its name through /proc.
            if linkat(AT_FDCWD, source, AT_FDCWD, candidate, AT_SYMLINK_FOLLOW) == 0 { return candidate }
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
        if let temporaryPath { unlink(temporaryPath) }
    }

    static func makeDirectory(_ path: String) throws(FileWriteError) {
        var info = stat()
        // The usual case, a folder that exists: one stat instead of a mkdir per component.
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { return }
        var partial = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            partial += "/" + component
            if mkdir(partial, 0o755) != 0 && errno != EEXIST {
                throw FileWriteError(path: partial, reason: errnoText(errno))
            }
        }
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
