#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import IdeogramKit

/// Performs the file effects outside the pure core: lists folders and reads image headers.
///
/// Works on path bytes throughout, so names that are not valid UTF-8 survive. Blocking calls
/// run on a Dispatch queue, never on the UI actor nor the cooperative pool.
public struct FileSystemEffects: Sendable {
    public init() {}

    public func list(_ path: FilePath) async -> DirectoryListing {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: Self.listNow(path))
            }
        }
    }

    public func inspect(_ paths: [FilePath]) async -> [(FilePath, ImageInspection)] {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                continuation.resume(returning: paths.map { ($0, Self.inspectNow($0)) })
            }
        }
    }

    /// Lists a folder synchronously: `lstat` says what each entry is, `stat` where links lead.
    public static func listNow(_ path: FilePath) -> DirectoryListing {
        guard let dir = withCString(path.bytes, { opendir($0) }) else {
            return DirectoryListing(path: path, entries: [], error: String(cString: strerror(errno)))
        }
        defer { closedir(dir) }
        let fd = dirfd(dir)
        var entries: [FileEntry] = []
        while let raw = readdir(dir) {
            let name: [UInt8] = withUnsafePointer(to: &raw.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: UInt8.self, capacity: 256) { bytes in
                    Array(UnsafeBufferPointer(start: bytes, count: strlen(UnsafeRawPointer(bytes).assumingMemoryBound(to: CChar.self))))
                }
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            entries.append(entry(named: name, in: fd))
        }
        return DirectoryListing(path: path, entries: entries)
    }

    static func entry(named name: [UInt8], in fd: Int32) -> FileEntry {
        var info = stat()
        let lstatResult = withCString(name) { fstatat(fd, $0, &info, AT_SYMLINK_NOFOLLOW) }
        guard lstatResult == 0 else {
            return FileEntry(name: name, kind: .unreadable(String(cString: strerror(errno))))
        }
        let modified = Int64(info.st_mtim.tv_sec)
        let type = info.st_mode & S_IFMT
        if type == S_IFLNK {
            var target = stat()
            if withCString(name, { fstatat(fd, $0, &target, 0) }) != 0 {
                return FileEntry(name: name, kind: errno == ELOOP ? .linkLoop : .brokenLink, modified: modified)
            }
            let isDirectory = target.st_mode & S_IFMT == S_IFDIR
            return FileEntry(name: name, kind: isDirectory ? .symlinkToDirectory : .symlinkToFile,
                             size: Int64(target.st_size), modified: Int64(target.st_mtim.tv_sec))
        }
        let kind: FileKind = switch type {
        case S_IFDIR: .directory
        case S_IFREG: .file
        default: .special
        }
        return FileEntry(name: name, kind: kind, size: Int64(info.st_size), modified: modified)
    }

    /// Reads the start of a file and sniffs the header for the pixel size.
    public static func inspectNow(_ path: FilePath) -> ImageInspection {
        let fd = withCString(path.bytes) { open($0, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { return .notAnImage(String(cString: strerror(errno))) }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 256 * 1024)
        let count = buffer.withUnsafeMutableBytes { raw -> Int in
            var total = 0
            while total < raw.count {
                let n = read(fd, raw.baseAddress! + total, raw.count - total)
                if n > 0 { total += n } else if n < 0 && errno == EINTR { continue } else { break }
            }
            return total
        }
        do {
            let header = try ImageSniffer.sniff(Array(buffer.prefix(count)))
            return .image(format: header.format.rawValue, width: header.width, height: header.height)
        } catch {
            return .notAnImage(String(describing: error))
        }
    }

    static func withCString<R>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
        (bytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }
}
