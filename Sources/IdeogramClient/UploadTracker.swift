import IdeogramKit
import NIOConcurrencyHelpers

/// Counts the body slices the HTTP client has taken, so the client knows whether a failure
/// happened before the request was fully sent (safe to retry) or after (may have been billed).
final class UploadTracker: Sendable {
    private struct State { var sent = 0; var complete = false }
    private let state = NIOLockedValueBox(State())
    let total: Int
    let onProgress: (@Sendable (UploadProgress) -> Void)?

    init(total: Int, onProgress: (@Sendable (UploadProgress) -> Void)?) {
        self.total = total
        self.onProgress = onProgress
    }

    var isComplete: Bool { state.withLockedValue { $0.complete } }

    func restart() {
        state.withLockedValue { $0 = State() }
    }

    func taken(_ bytes: Int) {
        let sent = state.withLockedValue { s -> Int in s.sent += bytes; return s.sent }
        onProgress?(.uploading(sent: sent, total: total))
    }

    func finished() {
        state.withLockedValue { $0.complete = true }
        onProgress?(.waitingForAnswer)
    }
}
