#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// The request body as an async sequence of buffers that reports each one the HTTP client
/// pulls. An image read from its file is read one slice at a time, as the client asks for it.
struct TrackedBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let pieces: [MultipartBody.Piece]
    let tracker: UploadTracker

    struct AsyncIterator: AsyncIteratorProtocol {
        var pieces: [MultipartBody.Piece]
        let tracker: UploadTracker
        var index = 0
        var started = false
        var reader: SliceReader?

        mutating func next() async throws -> ByteBuffer? {
            if !started {
                started = true
                tracker.restart()  // the HTTP client may start the body over on a new connection
                if let whole = try Self.joinedIfSmall(pieces) { pieces = [.buffer(whole)] }
            }
            while index < pieces.count {
                let chunk: ByteBuffer?
                switch pieces[index] {
                case .buffer(let buffer):
                    chunk = buffer
                    index += 1
                case .file(let path, let length):
                    if reader == nil { reader = try SliceReader(path: path, length: length) }
                    chunk = try reader!.next()
                    if chunk == nil {
                        reader = nil
                        index += 1
                        continue
                    }
                }
                guard let chunk else { continue }
                tracker.taken(chunk.readableBytes)
                // Counted as sent once the last chunk is handed over, a moment before it reaches
                // the wire: erring this way marks a lost answer "outcome unknown" rather than resending it.
                if index == pieces.count { tracker.finished() }
                return chunk
            }
            return nil
        }

        /// A body that fits one slice goes as one buffer: each buffer costs the HTTP client a
        /// round trip between threads, and the queue a progress event.
        static func joinedIfSmall(_ pieces: [MultipartBody.Piece]) throws(SourceFileChanged) -> ByteBuffer? {
            var total = 0
            for piece in pieces {
                switch piece {
                case .buffer(let buffer): total += buffer.readableBytes
                case .file(_, let length): total += length
                }
            }
            guard pieces.count > 1, total <= MultipartBody.sliceSize else { return nil }
            var whole = ByteBuffer()
            whole.reserveCapacity(total)
            for piece in pieces {
                switch piece {
                case .buffer(let buffer): whole.writeImmutableBuffer(buffer)
                case .file(let path, let length):
                    let reader = try SliceReader(path: path, length: length)
                    while var slice = try reader.next() { whole.writeBuffer(&slice) }
                }
            }
            return whole
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(pieces: pieces, tracker: tracker) }
}

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
