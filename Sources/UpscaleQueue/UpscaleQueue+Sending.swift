import Foundation
import IdeogramClient
import IdeogramKit

extension UpscaleQueue {
    static let cancelledAfterSending = "cancelled after the request was sent; it may have been billed"

    /// One attempt: send, then either download the answer's results (a v2 job: follow its
    /// generation) or settle the failure.
    func send(_ id: JobID) async {
        guard let job = jobs[id] else { return }
        if let generation = job.generation {
            switch await submitGeneration(job, generation.request) {
            case .success(let accepted): accept(accepted, for: id)
            case .failure(let error): settle(error, for: id)
            }
            return
        }
        let service = self.service
        let answer = await transmit(job) { image, progress in
            do throws(UpscaleError) {
                return .success(try await service.upscale(image: image, request: job.request, endpoint: job.endpoint, progress: progress))
            } catch {
                return .failure(error)
            }
        }
        switch answer {
        case .success(let answer): await receive(answer, for: id)
        case .failure(let error): settle(error, for: id)
        }
    }

    /// Loads the image and makes `call` with it, following its upload progress.
    func transmit<Answer: Sendable>(
        _ job: Job,
        _ call: @Sendable (SourceImage, @escaping @Sendable (UploadProgress) -> Void) async -> Result<Answer, UpscaleError>
    ) async -> Result<Answer, UpscaleError> {
        let image: SourceImage
        do { image = try await Self.loadImage(job.sourcePath, maxBytes: configuration.maxUploadBytes) } catch {
            return .failure(.invalidImage(error))
        }
        if Task.isCancelled { return .failure(.cancelled(requestFullySent: false)) }
        // Progress comes from the HTTP client's threads; a stream keeps it in order, and
        // draining it before settling means a late "sent" never overwrites the outcome.
        let (progress, continuation) = AsyncStream<UploadProgress>.makeStream()
        let id = job.id
        let watcher = Task { await self.watch(progress, of: id) }
        let result = await call(image) { step in
            // The queue shows nothing for connecting: no hop onto the actor for it.
            if step != .connecting { _ = continuation.yield(step) }
        }
        continuation.finish()
        await watcher.value
        return result
    }

    /// Checks the image again (it may have changed since it was queued); the upload reads it
    /// slice by slice, so eight uploads at once do not hold eight whole files.
    @concurrent
    static func loadImage(_ path: String, maxBytes: Int) async throws(ImageIntakeError) -> SourceImage {
        try SourceImage.open(path: path, maxBytes: maxBytes)
    }

    private func watch(_ progress: AsyncStream<UploadProgress>, of id: JobID) async {
        for await step in progress { progressed(id, step) }
    }

    private func progressed(_ id: JobID, _ step: UploadProgress) {
        guard var job = jobs[id], job.state == .uploading else { return }
        switch step {
        case .connecting:
            return  // not forwarded by `upscale`; kept for exhaustiveness
        case .uploading(let sent, let total):
            hub.send(.uploadProgress(id, sent: sent, total: total))
        case .waitingForAnswer:
            job.state = .waitingForAnswer
            job.updatedAt = Date()
            commit(job, from: .uploading)
        }
    }

    /// Decides what a failed attempt means for the job and the queue.
    private func settle(_ error: UpscaleError, for id: JobID) {
        work[id] = nil
        guard var job = jobs[id] else { return pump() }
        let old = job.state
        let cancelledByUs = cancelRequested.remove(id) != nil
        job.updatedAt = Date()
        var pauseFor: PauseReason?
        if case .inflightLimit(let most?, _, _) = error { lowerImageLimit(to: most) }
        if case .cancelled(let sent) = error {
            job.state = sent ? .outcomeUnknown(message: Self.cancelledAfterSending) : .cancelled
        } else if cancelledByUs {
            // The cancellation surfaced as another error: judge it by what may have been billed.
            job.state = error.mayHaveBeenBilled ? .outcomeUnknown(message: Self.cancelledAfterSending) : .cancelled
        } else {
            switch error {
            case .unauthorized:
                job.state = .queued
                pauseFor = .unauthorized(error)
            case .outOfCredit:
                job.state = .queued
                pauseFor = .outOfCredit(error)
            case .rejectedBySafety(let message):
                job.state = .rejected(message: message)
            case .outcomeUnknown(let message):
                job.state = .outcomeUnknown(message: message)
            default:
                if error.isRetryable && isFinishingSent {
                    // Nothing was billed and nothing new may start: it waits for the next run.
                    job.state = .queued
                } else if error.isRetryable && !isClosing && configuration.upscaleRetry.allowsAnotherAttempt(after: job.attempts) {
                    return scheduleRetry(job, after: error)
                } else {
                    job.state = .failed(error)
                }
            }
        }
        job.generation?.billedUSDMicros = Self.billedAfterRefusal(job.state)
        commit(job, from: old)
        if let pauseFor { pause(because: pauseFor) }
        pump()
    }

    /// A v2 POST refused or failed before it was accepted was not billed; one whose answer was
    /// lost or unreadable may have been, and stays unknown.
    private static func billedAfterRefusal(_ state: JobState) -> Int64? {
        switch state {
        case .failed(let error): error.mayHaveBeenBilled ? nil : 0
        case .rejected, .cancelled: 0
        default: nil
        }
    }

    /// Queues the job again (committed, so a crash leaves it safely queued) and wakes it after
    /// the delay. A 429 holds the whole queue meanwhile. `failedAttempts` counts the failures
    /// (the sends by default; a quote counts its own).
    func scheduleRetry(_ failed: Job, after error: UpscaleError, failedAttempts: Int? = nil) {
        var job = failed
        let id = job.id
        let failures = failedAttempts ?? job.attempts
        let delay = configuration.upscaleRetry.delay(afterFailedAttempts: failures, retryAfterSeconds: error.retryAfterSeconds)
        let wait = RetryWait(nextAttempt: failures + 1, delay: delay, dueAt: Date() + Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18, reason: error,
                             holdsQueue: error.category == .rateLimited)
        job.state = .queued
        job.retryWait = wait
        if wait.holdsQueue { holdingQueue.insert(id) }
        work[id] = Task { await self.waitToRetry(id, delay: delay) }
        commit(job, from: failed.state)
        hub.send(.retryScheduled(id, wait))
        pump()
    }

    private func waitToRetry(_ id: JobID, delay: Duration) async {
        let sleeper = self.sleeper
        try? await sleeper.sleep(for: delay)
        // Cancelled: whoever cancelled (cancel, close) has already settled the job.
        guard !Task.isCancelled else { return }
        work[id] = nil
        holdingQueue.remove(id)
        jobs[id]?.retryWait = nil
        rescan()
        pump()
    }
}
