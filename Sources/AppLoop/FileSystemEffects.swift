#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import IdeogramKit
import TerminalUI

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
                var buffer: [UInt8] = []
                continuation.resume(returning: paths.map { ($0, Self.inspectNow($0, reusing: &buffer)) })
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
        var buffer: [UInt8] = []
        return inspectNow(path, reusing: &buffer)
    }

    /// How much of a file is read to find its size: PNG and WebP say it in the first 30 bytes,
    /// a JPEG in its frame header (SOF), which EXIF data and thumbnails can push past 64 KB.
    /// More is read only when the JPEG's SOF is not in what was read.
    static let headerReads = [64 * 1024, 512 * 1024, 4 * 1024 * 1024]

    /// `buffer` is reused from file to file, so a batch allocates once.
    static func inspectNow(_ path: FilePath, reusing buffer: inout [UInt8]) -> ImageInspection {
        let fd = withCString(path.bytes) { open($0, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { return .notAnImage(String(cString: strerror(errno))) }
        defer { close(fd) }
        var count = 0
        for limit in headerReads {
            if buffer.count < limit { buffer += [UInt8](repeating: 0, count: limit - buffer.count) }
            let wanted = limit - count
            let got = buffer.withUnsafeMutableBytes { raw in readFully(fd, into: raw.baseAddress! + count, wanted) }
            count += got
            let result = buffer.withUnsafeBytes { raw in
                Result { () throws(ImageSniffer.Failure) -> ImageHeader in
                    try ImageSniffer.sniff(UnsafeRawBufferPointer(rebasing: raw[..<count]))
                }
            }
            switch result {
            case .success(let header):
                return .image(format: header.format.rawValue, width: header.width, height: header.height)
            case .failure(.truncated(.jpeg)) where got == wanted:
                continue  // the file goes on: read further for the SOF
            case .failure(.unsupported(let kind)):
                return unsupported(kind)
            case .failure(let error):
                return .notAnImage(String(describing: error))
            }
        }
        return .notAnImage(String(describing: ImageSniffer.Failure.truncated(.jpeg)))
    }

    /// The sniffer names what an unsupported file most likely is ("a GIF image", "an HEIF/AVIF
    /// or video file", "text, not an image"): an image format's name is its capitalised word.
    static func unsupported(_ kind: String) -> ImageInspection {
        var words = kind.split(separator: " ")
        if let article = words.first, article == "a" || article == "an" { words.removeFirst() }
        guard let name = words.first, name.count >= 3,
              name.allSatisfy({ ($0.isASCII && $0.isUppercase) || $0 == "/" }) else { return .notAnImage(kind) }
        return .unsupported(format: String(name))
    }

    /// Reads until `count` bytes or the end of the file; returns how many were read.
    private static func readFully(_ fd: Int32, into pointer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        var total = 0
        while total < count {
            let n = read(fd, pointer + total, count - total)
            if n > 0 { total += n } else if n < 0 && errno == EINTR { continue } else { break }
        }
        return total
    }

    static func withCString<R>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
        (bytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }
}
