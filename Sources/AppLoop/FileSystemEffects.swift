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

    /// `stat`s entries of a listed folder, off the loop.
    public func details(_ request: FileDetailsRequest) async -> FileDetailsAnswer {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: Self.detailsNow(request))
            }
        }
    }

    /// Lists a folder synchronously, sorted by name: `readdir` gives each name and what it is
    /// (`d_type`), so no entry is `stat`ed except links (to group those leading to folders
    /// with the folders) and entries the file system does not type. Sizes and times are read
    /// later, for what is drawn (`detailsNow`).
    public static func listNow(_ path: FilePath) -> DirectoryListing {
        guard let dir = withCString(path.bytes, { opendir($0) }) else {
            return DirectoryListing(path: path, entries: FolderListing(), error: String(cString: strerror(errno)))
        }
        defer { closedir(dir) }
        let fd = dirfd(dir)
        var listing = FolderListing()
        while let raw = readdir(dir) {
            let type = raw.pointee.d_type
            withUnsafePointer(to: &raw.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: UInt8.self, capacity: 256) { bytes in
                    let name = UnsafeBufferPointer(start: bytes, count: strlen(UnsafeRawPointer(bytes).assumingMemoryBound(to: CChar.self)))
                    if name.count == 1 && name[0] == 0x2E || name.count == 2 && name[0] == 0x2E && name[1] == 0x2E { return }
                    switch Int32(type) {
                    case Int32(DT_DIR): listing.append(name: name, kind: .directory)
                    case Int32(DT_REG): listing.append(name: name, kind: .file)
                    case Int32(DT_LNK), Int32(DT_UNKNOWN):
                        let found = details(named: name, in: fd)
                        listing.append(name: name, kind: found.kind)
                        listing.record(found, id: Int32(listing.count - 1))
                    default: listing.append(name: name, kind: .special)
                    }
                }
            }
        }
        return DirectoryListing(path: path, entries: listing.sorted(by: .name))
    }

    /// `lstat`s each requested name in the folder, and `stat`s where links lead.
    public static func detailsNow(_ request: FileDetailsRequest) -> FileDetailsAnswer {
        var answer = FileDetailsAnswer(folder: request.folder, listingRequest: request.listingRequest, ids: request.ids, details: [])
        let fd = withCString(request.folder.bytes) { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            answer.details = request.ids.map { _ in FileDetails(kind: .unreadable(reason), size: 0, modified: 0) }
            return answer
        }
        defer { close(fd) }
        answer.details.reserveCapacity(request.ids.count)
        for index in 0..<request.names.count {
            answer.details.append(request.names.withName(index) { details(named: $0, in: fd) })
        }
        return answer
    }

    static func details(named name: UnsafeBufferPointer<UInt8>, in fd: Int32) -> FileDetails {
        var nameBytes = [UInt8](name)
        nameBytes.append(0)
        return nameBytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { details(cName: $0.baseAddress!, in: fd) }
        }
    }

    private static func details(cName: UnsafePointer<CChar>, in fd: Int32) -> FileDetails {
        var info = stat()
        guard fstatat(fd, cName, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
            return FileDetails(kind: .unreadable(String(cString: strerror(errno))), size: 0, modified: 0)
        }
        let modified = Int64(info.st_mtim.tv_sec)
        let type = info.st_mode & S_IFMT
        if type == S_IFLNK {
            var target = stat()
            if fstatat(fd, cName, &target, 0) != 0 {
                return FileDetails(kind: errno == ELOOP ? .linkLoop : .brokenLink, size: 0, modified: modified)
            }
            let isDirectory = target.st_mode & S_IFMT == S_IFDIR
            return FileDetails(kind: isDirectory ? .symlinkToDirectory : .symlinkToFile,
                               size: Int64(target.st_size), modified: Int64(target.st_mtim.tv_sec))
        }
        let kind: FileKind = switch type {
        case S_IFDIR: .directory
        case S_IFREG: .file
        default: .special
        }
        return FileDetails(kind: kind, size: Int64(info.st_size), modified: modified)
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
