import IdeogramKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// The image file changed between its check and its upload: it is not sent as it is now.
public struct SourceFileChanged: Error, Sendable, Equatable {
    public let path: String
    public let reason: String
}

/// Reads the first `length` bytes of a file in slices; owns the descriptor.
final class SliceReader {
    private let fd: Int32
    private let path: String
    private let length: Int
    private var offset = 0

    init(path: String, length: Int) throws(SourceFileChanged) {
        fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw SourceFileChanged(path: path, reason: "it can no longer be opened (\(errnoText(errno)))") }
        self.path = path
        self.length = length
    }

    deinit { close(fd) }

    /// The next slice, or nil once `length` bytes were read and the file still has that size.
    func next() throws(SourceFileChanged) -> ByteBuffer? {
        guard offset < length else {
            var info = stat()
            if fstat(fd, &info) == 0, Int(info.st_size) != length {
                throw SourceFileChanged(path: path, reason: "its size changed from \(length) to \(info.st_size) bytes while it was being sent")
            }
            return nil
        }
        let size = min(MultipartBody.sliceSize, length - offset)
        var buffer = ByteBufferAllocator().buffer(capacity: size)
        var failure: Int32 = 0
        let got = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { raw in
            while true {
                let n = pread(fd, raw.baseAddress!, size, off_t(offset))
                if n < 0 && errno == EINTR { continue }
                if n < 0 { failure = errno }
                return max(0, n)
            }
        }
        if failure != 0 { throw SourceFileChanged(path: path, reason: "reading it failed (\(errnoText(failure)))") }
        if got == 0 {
            throw SourceFileChanged(path: path, reason: "it became shorter (\(offset) of \(length) bytes) while it was being sent")
        }
        offset += got
        return buffer
    }
}
