import IdeogramKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// An image checked and ready to upload: either read once into memory (`load`), or checked by
/// its header and read from its file in slices as the upload goes (`open`), so an upload holds
/// a few slices rather than the whole file.
public struct SourceImage: Sendable {
    /// The official schema's limit; a newer page says 25 MB, so callers may raise it.
    public static let defaultMaxBytes = 10_000_000

    public let path: String
    /// The file name as sent in the multipart part (the last path component).
    public let fileName: String
    public let header: ImageHeader
    /// The file's bytes when held in memory (the sniffing and the upload use the same buffer);
    /// nil for an image opened to be read from its file while it is sent.
    public let bytes: ByteBuffer?
    public let byteCount: Int

    public var format: ImageFormat { header.format }
    public var width: Int { header.width }
    public var height: Int { header.height }

    public init(path: String, fileName: String? = nil, bytes: ByteBuffer) throws(ImageIntakeError) {
        self.path = path
        self.fileName = fileName ?? SourceImage.lastComponent(of: path)
        self.bytes = bytes
        byteCount = bytes.readableBytes
        // withUnsafeReadableBytes rethrows untyped, so the sniffer's answer comes out as a Result.
        let sniffed = bytes.withUnsafeReadableBytes { raw in
            Result { () throws(ImageSniffer.Failure) -> ImageHeader in try ImageSniffer.sniff(raw) }
        }
        switch sniffed {
        case .success(let header): self.header = header
        case .failure(let failure): throw SourceImage.intakeError(path: path, failure: failure)
        }
    }

    private init(path: String, header: ImageHeader, byteCount: Int) {
        self.path = path
        fileName = SourceImage.lastComponent(of: path)
        self.header = header
        bytes = nil
        self.byteCount = byteCount
    }

    /// Checks a file as `load` does, from its header, for an upload that reads it as it goes.
    /// The size is the file's now: the upload fails if it has changed by then. A file no larger
    /// than the header window is read whole and kept, not read again; of a larger one only the
    /// start is read, as `inspect` does (it is checked twice per upload, once on the way to
    /// the first byte sent).
    public static func open(path: String, maxBytes: Int = defaultMaxBytes) throws(ImageIntakeError) -> SourceImage {
        let (head, size) = try readChecked(path: path, maxBytes: maxBytes, prefix: firstHeaderWindow, wholeUpTo: headerWindow)
        if head.readableBytes == size { return try SourceImage(path: path, bytes: head) }
        return SourceImage(path: path, header: try header(of: head, path: path, maxBytes: maxBytes), byteCount: size)
    }

    /// Reads and checks a file: the size limit is enforced from `fstat` before reading, so a huge
    /// file is refused without being loaded.
    public static func load(path: String, maxBytes: Int = defaultMaxBytes) throws(ImageIntakeError) -> SourceImage {
        try SourceImage(path: path, bytes: readChecked(path: path, maxBytes: maxBytes, prefix: nil).bytes)
    }

    /// Checks a file as `load` does without holding it in memory: the header from a small first
    /// window (further only when it is not there), then the structure followed to its end
    /// (`ImageCompleteness`: PNG and WEBP chunk lengths, JPEG segments and scan data, read in
    /// 64 kB windows), so a truncated file is refused before it is sent. A JPEG is read whole
    /// by this, once by the batch check and once by the queue's submit: a few milliseconds for
    /// 10 MB, against an upload of seconds.
    public static func inspect(path: String, maxBytes: Int = defaultMaxBytes) throws(ImageIntakeError) -> ImageHeader {
        let (head, size) = try readChecked(path: path, maxBytes: maxBytes, prefix: firstHeaderWindow)
        let header = try header(of: head, path: path, maxBytes: maxBytes)
        try checkComplete(path: path, format: header.format, size: size)
        return header
    }

    private static func checkComplete(path: String, format: ImageFormat, size: Int) throws(ImageIntakeError) {
        let fd = openForReading(path)
        if fd < 0 { throw openError(path: path, errno: errno) }
        defer { close(fd) }
        let verdict: ImageCompleteness.Verdict
        do {
            verdict = try ImageCompleteness.check(format, size: size) { offset, count in
                var bytes = [UInt8](repeating: 0, count: count)
                let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(offset)) }
                guard got >= 0 else { throw ReadFailure(code: errno) }
                return Array(bytes.prefix(got))
            }
        } catch let failure as ReadFailure {
            throw .unreadable(path: path, reason: errnoText(failure.code))
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
        switch verdict {
        case .complete: return
        case .truncated: throw .truncatedData(path: path, format: format)
        case .corrupt(let detail): throw .corruptData(path: path, format: format, detail: detail)
        }
    }

    private struct ReadFailure: Error { let code: Int32 }

    /// How much of a file `inspect` reads first.
    static let firstHeaderWindow = 16 * 1024

    /// How much of a file the header check reads when the first window was not enough; `open`
    /// reads a file this small whole (it is kept and sent as one buffer).
    static let headerWindow = 256 * 1024

    /// The header from a file's first bytes, reading further when it lies beyond them.
    private static func header(of head: ByteBuffer, path: String, maxBytes: Int) throws(ImageIntakeError) -> ImageHeader {
        do {
            return try SourceImage(path: path, bytes: head).header
        } catch .truncatedHeader where head.readableBytes == firstHeaderWindow {
            return try header(of: readChecked(path: path, maxBytes: maxBytes, prefix: headerWindow).bytes, path: path, maxBytes: maxBytes)
        } catch .truncatedHeader where head.readableBytes == headerWindow {
            // A JPEG with a large EXIF block keeps its frame header further in.
            return try load(path: path, maxBytes: maxBytes).header
        }
    }

    /// The file's first `prefix` bytes (all when nil, or when the file is no larger than
    /// `wholeUpTo`) and its size.
    private static func readChecked(path: String, maxBytes: Int, prefix: Int?,
                                    wholeUpTo: Int = 0) throws(ImageIntakeError) -> (bytes: ByteBuffer, size: Int) {
        let fd = openForReading(path)
        if fd < 0 { throw openError(path: path, errno: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(path: path, reason: errnoText(errno)) }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: throw .isDirectory(path: path)
        case S_IFREG: break
        default: throw .notRegularFile(path: path)
        }
        let fileSize = Int(info.st_size)
        if fileSize == 0 { throw .empty(path: path) }
        if fileSize > maxBytes { throw .tooLarge(path: path, bytes: fileSize, limit: maxBytes) }
        let size = fileSize <= wholeUpTo ? fileSize : min(fileSize, prefix ?? fileSize)

        var buffer = ByteBufferAllocator().buffer(capacity: size)
        var readError: Int32 = 0
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { raw in
            var total = 0
            while total < size {
                let n = read(fd, raw.baseAddress! + total, size - total)
                if n > 0 { total += n; continue }
                if n == 0 { break }  // the file shrank while we read: keep what is there
                if errno == EINTR { continue }
                readError = errno
                break
            }
            return total
        }
        if readError != 0 { throw .unreadable(path: path, reason: errnoText(readError)) }
        if buffer.readableBytes == 0 { throw .empty(path: path) }
        return (buffer, fileSize)
    }

    /// The C `open`, which `SourceImage.open` hides inside this type.
    private static func openForReading(_ path: String) -> Int32 {
        #if canImport(Glibc)
        Glibc.open(path, O_RDONLY | O_CLOEXEC)
        #else
        Darwin.open(path, O_RDONLY | O_CLOEXEC)
        #endif
    }

    public static func lastComponent(of path: String) -> String {
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        return trimmed.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? trimmed
    }

    private static func intakeError(path: String, failure: ImageSniffer.Failure) -> ImageIntakeError {
        switch failure {
        case .empty: .empty(path: path)
        case .unsupported(let kind): .unsupportedFormat(path: path, detected: kind)
        case .truncated(let format): .truncatedHeader(path: path, format: format)
        case .corrupt(let format, let detail): .corruptHeader(path: path, format: format, detail: detail)
        }
    }

    private static func openError(path: String, errno code: Int32) -> ImageIntakeError {
        switch code {
        case ENOENT, ENOTDIR: .notFound(path: path)
        case ELOOP: .unreadable(path: path, reason: "too many symbolic links (a link loop?)")
        default: .unreadable(path: path, reason: errnoText(code))
        }
    }
}

func errnoText(_ code: Int32) -> String {
    String(cString: strerror(code))
}
