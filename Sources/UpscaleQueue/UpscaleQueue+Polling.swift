import Foundation
import IdeogramKit

/// The waits between the polls of one generation. Generations of a model and size take about
/// the same time, unknown in advance: each wait is half again the one before (1, 1.5, 2.25…
/// seconds, at most 10), so a poll finds a generation done at most half its running time late
/// (a 2 s generation is seen done at 2.5 s, not 3 s as with doubling) while a long one costs
/// only a few polls more (10 for a minute).
enum PollSchedule {
    static let firstPoll: Duration = .seconds(1)
    static let maxInterval: Duration = .seconds(10)
    static let growth = 1.5

    /// The wait before the next poll, after an unfinished poll that came `previous` after the
    /// one before it (zero for a generation polled at once).
    static func wait(after previous: Duration) -> Duration {
        min(max(previous * growth, firstPoll), maxInterval)
    }
}

/// Each accepted generation is polled by a task of its own, at its own times (see
/// `PollSchedule`), not on a shared tick: a generation's first poll comes 1 s after its
/// acceptance, whenever that was. No wait is shorter than a second, and at most the image limit
/// (10) is in progress, so polls stay under 100 per 10 s, a tenth of the service's 1,000. A poll
/// answered 429 holds every poll for its `Retry-After` (the limit is the organisation's).
extension UpscaleQueue {
    /// Without a v2 service (a recovered generation under a legacy-only service) the job is
    /// left `generating` for a run that can poll it. `firstWait` is zero for a generation
    /// adopted from an earlier run: it has run for a while already.
    func startPolling(_ id: JobID, firstWait: Duration = PollSchedule.firstPoll) {
        guard !isClosing, generations != nil, polls[id] == nil else { return }
        polls[id] = Task { await self.follow(id, firstWait: firstWait) }
    }

    /// Follows the generations adopted from an earlier run at once.
    func startRecoveredPolls() {
        for id in order {
            if case .generating = jobs[id]?.state { startPolling(id, firstWait: .zero) }
        }
    }

    /// Polls one generation until it completes or fails, or the queue closes (it then stays
    /// `generating` in the history for the next run).
    private func follow(_ id: JobID, firstWait: Duration) async {
        var wait = firstWait
        var interval = firstWait
        while true {
            if wait > .zero {
                do { try await sleeper.sleep(for: wait) } catch { return }
            }
            await waitOutPollHold()
            guard !Task.isCancelled else { return }
            guard let generations, let job = jobs[id], case .generating(let generationID) = job.state else {
                polls[id] = nil
                return pump()
            }
            let answer: Result<GenerationPoll, UpscaleError>
            do throws(UpscaleError) {
                answer = .success(try await generations.poll(generationID: generationID, endpoint: job.endpoint))
            } catch {
                answer = .failure(error)
            }
            guard !Task.isCancelled else { return }
            guard let onSchedule = handle(answer, for: id) else { return }
            if onSchedule { interval = PollSchedule.wait(after: interval) }
            wait = onSchedule ? interval : .zero
        }
    }

    /// Acts on one poll's answer. Returns nil once the generation is followed no more, true to
    /// poll again after the schedule's next wait, false to poll again once the hold is over.
    private func handle(_ answer: Result<GenerationPoll, UpscaleError>, for id: JobID) -> Bool? {
        switch answer {
        case .success(let poll):
            switch poll.status {
            case .completed:
                polls[id] = nil
                work[id] = Task { await self.complete(poll, for: id) }
                // Its image is out of the service's count: the next job may go at once.
                pump()
                return nil
            case .failed:
                polls[id] = nil
                failGeneration(id, reason: poll.failureReason)
                return nil
            case .pending, .other:
                return true
            }
        case .failure(let error) where error.isRetryable:
            guard let seconds = error.retryAfterSeconds else { return true }
            // A date far ahead must not stall every generation for days: the same cut as sends.
            holdPolls(for: min(.seconds(max(0, seconds)), configuration.upscaleRetry.maxRetryAfter))
            return false
        case .failure(let error):
            // A 404 or a refused key: the generation cannot be followed from here.
            polls[id] = nil
            endPolling(id, as: .failed(error), billed: nil)
            return nil
        }
    }

    /// Over the organisation's poll rate: no poll goes out before `wait` is over. A later 429
    /// replaces the hold (it came later, with a fresh `Retry-After`).
    private func holdPolls(for wait: Duration) {
        let sleeper = self.sleeper
        pollHold = Task { try? await sleeper.sleep(for: wait) }
    }

    private func waitOutPollHold() async {
        while let hold = pollHold {
            await hold.value
            if pollHold == hold { pollHold = nil }
        }
    }

    /// Completed: billed (even when the image is withheld), the amount the poll gives or else
    /// the quote; its images are saved like any answer's.
    private func complete(_ poll: GenerationPoll, for id: JobID) async {
        guard var job = jobs[id], var generation = job.generation else {
            work[id] = nil
            return pump()
        }
        generation.billedUSDMicros = poll.usageCostUSDMicros ?? generation.quote?.usdMicros
        job.generation = generation
        jobs[id] = job
        let images = (poll.data ?? []).map { entry in
            UpscaledImage(seed: entry.seed ?? 0, prompt: "", resolution: TerminalSafeText.sanitize(entry.resolution ?? "", limit: 40),
                          url: entry.isWithheld ? nil : entry.url, isImageSafe: !entry.isWithheld)
        }
        await receive(UpscaleResult(created: nil, images: images), for: id)
    }

    /// Failed: ends with its reason, not billed.
    private func failGeneration(_ id: JobID, reason: String?) {
        let why = reason.map { TerminalSafeText.sanitize($0, limit: 120) } ?? "no reason given"
        endPolling(id, as: .failed(.generationFailed(reason: why)), billed: 0)
    }

    private func endPolling(_ id: JobID, as state: JobState, billed: Int64?) {
        guard var job = jobs[id] else { return pump() }
        let old = job.state
        job.state = state
        job.generation?.billedUSDMicros = billed
        job.updatedAt = Date()
        commit(job, from: old)
        pump()
    }

    /// Stops every poll (the queue closes): the generations stay `generating` in the history.
    func stopPolling() async {
        pollHold?.cancel()
        let followers = Array(polls.values)
        for follower in followers { follower.cancel() }
        for follower in followers { await follower.value }
        polls.removeAll()
        pollHold = nil
    }
}
