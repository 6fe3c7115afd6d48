import Foundation
import IdeogramKit

extension UpscaleQueue {
    /// A queued job is cancelled at once. A job in flight has its task cancelled and ends
    /// cancelled, or outcome unknown if its request was already fully sent. A downloading job
    /// stops; its unsaved results can be fetched later with `retry`. Finished jobs are left as
    /// they are.
    public func cancel(_ id: JobID) throws(QueueError) {
        guard var job = jobs[id] else { throw .unknownJob(id) }
        switch job.state {
        case .queued:
            work.removeValue(forKey: id)?.cancel()
            holdingQueue.remove(id)
            let old = job.state
            job.state = .cancelled
            job.retryWait = nil
            job.isHeld = false
            job.spendingHold = nil
            job.updatedAt = Date()
            commit(job, from: old)
            pump()
        case .uploading, .waitingForAnswer, .downloading:
            cancelRequested.insert(id)
            work[id]?.cancel()
        default:
            return
        }
    }

    /// The user's explicit "try again": releases a held job; queues a failed, rejected,
    /// cancelled or outcome-unknown job again (this is the consent an unknown outcome needs);
    /// or, for a job that has its answer, fetches the results not saved yet. Never resends a
    /// request whose answer is known.
    public func retry(_ id: JobID) throws(QueueError) {
        guard !isClosing else { throw .closed }
        var job = try knownJob(id)
        let old = job.state
        switch job.state {
        case .queued where job.isHeld:
            jobs[id]?.isHeld = false
            rescan()
            pump()
        case .done, .failed, .rejected, .cancelled, .outcomeUnknown:
            if job.answer != nil {
                guard !job.unsavedResults.isEmpty else { throw .notRetryable(id, job.state) }
                job.state = .downloading
                job.updatedAt = Date()
                commit(job, from: old)
                work[id] = Task { await self.downloadResults(id) }
            } else {
                guard job.state != .done else { throw .notRetryable(id, job.state) }
                job.state = .queued
                job.attempts = 0
                job.retryWait = nil
                job.isHeld = false
                job.updatedAt = Date()
                commit(job, from: old)
                pump()
            }
        default:
            throw .notRetryable(id, job.state)
        }
    }

    /// Drops a job from the queue's list (a queued one is cancelled first). The history keeps
    /// it. A job being sent or downloaded must be cancelled first.
    public func remove(_ id: JobID) throws(QueueError) {
        guard let job = jobs[id] else { throw .unknownJob(id) }
        if job.state.isInProgress || job.state == .downloading { throw .jobIsActive(id) }
        if job.state == .queued { try cancel(id) }
        jobs[id] = nil
        order.removeAll { $0 == id }
        rescan()
        cancelRequested.remove(id)
        hub.send(.removed(id))
        pump()
    }
}
