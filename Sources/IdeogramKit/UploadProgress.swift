import NIOCore
import Synchronization

/// Where an upscale call stands, for progress displays.
public enum UploadProgress: Sendable, Equatable {
    case connecting
    case uploading(sent: Int, total: Int)
    /// The whole body was handed to the connection: from here on a lost answer may be billed.
    case waitingForAnswer
}

/// Counts the body slices the HTTP client has taken, so the client knows whether a failure
/// happened before the request was fully sent (safe to retry) or after (may have been billed).
final class UploadTracker: Sendable {
    private struct State { var sent = 0; var complete = false }
    private let state = Mutex(State())
    let total: Int
    let onProgress: (@Sendable (UploadProgress) -> Void)?

    init(total: Int, onProgress: (@Sendable (UploadProgress) -> Void)?) {
        self.total = total
        self.onProgress = onProgress
    }

    var isComplete: Bool { state.withLock { $0.complete } }

    func restart() {
        state.withLock { $0 = State() }
    }

    func taken(_ bytes: Int) {
        let sent = state.withLock { s -> Int in s.sent += bytes; return s.sent }
        onProgress?(.uploading(sent: sent, total: total))
    }

    func finished() {
        state.withLock { $0.complete = true }
        onProgress?(.waitingForAnswer)
    }
}

/// The body chunks as an async sequence that reports each chunk the client pulls.
struct TrackedBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let chunks: [ByteBuffer]
    let tracker: UploadTracker

    struct AsyncIterator: AsyncIteratorProtocol {
        let chunks: [ByteBuffer]
        let tracker: UploadTracker
        var index = 0

        mutating func next() async -> ByteBuffer? {
            if index == 0 { tracker.restart() }  // the HTTP client may start the body over on a new connection
            guard index < chunks.count else { return nil }
            let chunk = chunks[index]
            index += 1
            tracker.taken(chunk.readableBytes)
            // Counted as sent once the last chunk is handed over, a moment before it reaches the
            // wire: erring this way marks a lost answer "outcome unknown" rather than resending it.
            if index == chunks.count { tracker.finished() }
            return chunk
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(chunks: chunks, tracker: tracker) }
}
