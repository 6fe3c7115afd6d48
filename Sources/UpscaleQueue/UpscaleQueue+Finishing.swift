import Foundation
import IdeogramKit

extension UpscaleQueue {
    /// The first quit: nothing new is sent, and every request already on its way is seen
    /// through: its answer is awaited (an accepted generation polled to its end) and its results
    /// are downloaded and saved, since they are paid for. Jobs not sent yet (or waiting to be
    /// retried) stay queued for a later run.
    /// Returns once nothing is sent or downloaded any more; `close()` meanwhile (the second
    /// quit) abandons what is still in flight, as it always does.
    public func finishSentWork() async {
        guard !isClosing else { return }
        isFinishingSent = true
        for (id, task) in work where jobs[id]?.state == .queued {
            // A retry's wait: nothing of it was sent.
            task.cancel()
            work[id] = nil
            holdingQueue.remove(id)
            jobs[id]?.retryWait = nil
        }
        pump()
        await waitUntilIdle()
    }

    /// Jobs whose request is on its way, accepted and generating, or answered and downloading:
    /// what a quit now would leave with an unknown outcome or unsaved results.
    public var sentInFlight: Int {
        polls.count + work.keys.count { id in
            guard let state = jobs[id]?.state else { return false }
            return state.isSending || state == .downloading
        }
    }
}
