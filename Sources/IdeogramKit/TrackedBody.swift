import NIOCore

/// The request body as an async sequence of buffers that reports each one the HTTP client
/// pulls. An image read from its file is read one slice at a time, as the client asks for it.
/// With a gate, nothing is handed over before it opens.
struct TrackedBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let pieces: [MultipartBody.Piece]
    let tracker: UploadTracker
    var gate: UploadGate? = nil

    struct AsyncIterator: AsyncIteratorProtocol {
        let pieces: [MultipartBody.Piece]
        let tracker: UploadTracker
        let gate: UploadGate?
        var index = 0
        var started = false
        var reader: SliceReader?

        mutating func next() async throws -> ByteBuffer? {
            if !started {
                try await gate?.wait()
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
                    if reader == nil { reader = try SliceReader(path: path, length: length) }
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
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(pieces: pieces, tracker: tracker, gate: gate) }
}
