import IdeogramKit
import NIOCore

/// The request body as an async sequence of buffers that reports each one the HTTP client
/// pulls. An image read from its file is read one slice at a time, as the client asks for it.
/// With event loops, each slice of the
/// file after the first is read only once they have run what was queued on them: the HTTP
/// client takes body parts without waiting for them to be written, so on a busy machine it
/// would otherwise read many slices ahead (up to 9 MB of a 10 MB file was seen in memory).
struct TrackedBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let pieces: [MultipartBody.Piece]
    let tracker: UploadTracker
    var eventLoops: (any EventLoopGroup)? = nil

    struct AsyncIterator: AsyncIteratorProtocol {
        let pieces: [MultipartBody.Piece]
        let tracker: UploadTracker
        let eventLoops: (any EventLoopGroup)?
        var index = 0
        var started = false
        var reader: SliceReader?

        mutating func next() async throws -> ByteBuffer? {
            if !started {
                started = true
                tracker.restart()  // the HTTP client may start the body over on a new connection
            }
            while index < pieces.count {
                let chunk: ByteBuffer
                switch pieces[index] {
                case .buffer(let buffer):
                    chunk = buffer
                    index += 1
                case .file(let path, let length):
                    if reader == nil {
                        reader = try SliceReader(path: path, length: length)
                    } else if let eventLoops {
                        try await Self.drain(eventLoops)
                    }
                    guard let slice = try reader!.next() else {
                        reader = nil
                        index += 1
                        continue
                    }
                    chunk = slice
                }
                tracker.taken(chunk.readableBytes)
                // Counted as sent once the last chunk is handed over, a moment before it reaches
                // the wire: erring this way marks a lost answer "outcome unknown" rather than resending it.
                if index == pieces.count { tracker.finished() }
                return chunk
            }
            return nil
        }

        /// Returns once every loop of `group` has run the tasks queued on it before: the body
        /// parts handed over until now have been written, or the connection holds them and
        /// pauses the body (the loops run their tasks in order).
        static func drain(_ group: any EventLoopGroup) async throws {
            let fences = group.makeIterator().map { $0.submit {} }
            for fence in fences { try await fence.get() }
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(pieces: pieces, tracker: tracker, eventLoops: eventLoops) }
}
