import Foundation
import IdeogramKit

/// When one accepted generation is polled next.
struct PollSchedule: Sendable {
    /// Time left before its next poll, counted down by the loop's ticks.
    var dueIn: Duration
    /// The wait after an unfinished poll, doubled each time up to `maxPollInterval`.
    var interval: Duration
    /// Joined while the loop slept: the tick under way does not count for it, so its first
    /// poll comes a full tick or more after acceptance.
    var joinedMidTick: Bool
}

/// One loop polls every accepted generation: it wakes once a `pollTick`, polls the jobs whose
/// wait is over (together), and backs each off from 1 s to 10 s. A poll answered 429 holds every
/// poll for its `Retry-After` (the limit is the organisation's). With at most the image limit
/// (10) in progress, that is at most 100 polls per 10 s, a tenth of the service's 1,000.
extension UpscaleQueue {
    static let pollTick: Duration = .seconds(1)
    static let firstPoll: Duration = .seconds(1)
    static let maxPollInterval: Duration = .seconds(10)

    /// Without a v2 service (a recovered generation under a legacy-only service) the job is
    /// left `generating` for a run that can poll it.
    func startPolling(_ id: JobID) {
        guard !isClosing, generations != nil else { return }
        polls[id] = PollSchedule(dueIn: Self.firstPoll, interval: Self.firstPoll, joinedMidTick: pollLoopIsSleeping)
        if pollLoop == nil { pollLoop = Task { await self.runPollLoop() } }
    }

    /// Follows the generations adopted from an earlier run at once.
    func startRecoveredPolls() {
        for id in order {
            if case .generating = jobs[id]?.state { startPolling(id) }
        }
    }

    private func runPollLoop() async {
        let sleeper = self.sleeper
        while !polls.isEmpty {
            pollLoopIsSleeping = true
            do { try await sleeper.sleep(for: Self.pollTick) } catch { return }
            pollLoopIsSleeping = false
            if Task.isCancelled { return }
            var due: [(id: JobID, generationID: String, endpoint: Endpoint)] = []
            for (id, schedule) in polls {
                guard let job = jobs[id], case .generating(let generationID) = job.state else {
                    polls[id] = nil
                    continue
                }
                var next = schedule
                if next.joinedMidTick { next.joinedMidTick = false } else { next.dueIn -= Self.pollTick }
                polls[id] = next
                if next.dueIn <= .zero { due.append((id, generationID, job.endpoint)) }
            }
            guard !due.isEmpty, let generations else { continue }
            let answers = await withTaskGroup(of: (JobID, Result<GenerationPoll, UpscaleError>).self) { group in
                for call in due {
                    group.addTask {
                        do throws(UpscaleError) {
                            return (call.id, .success(try await generations.poll(generationID: call.generationID, endpoint: call.endpoint)))
                        } catch {
                            return (call.id, .failure(error))
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            if Task.isCancelled { return }
            for (id, answer) in answers { handle(answer, for: id) }
        }
        pollLoop = nil
        pump()
    }

    private func handle(_ answer: Result<GenerationPoll, UpscaleError>, for id: JobID) {
        switch answer {
        case .success(let poll):
            switch poll.status {
            case .completed:
                polls[id] = nil
                work[id] = Task { await self.complete(poll, for: id) }
            case .failed:
                polls[id] = nil
                failGeneration(id, reason: poll.failureReason)
            case .pending, .other:
                backOff(id)
            }
        case .failure(let error) where error.isRetryable:
            if let seconds = error.retryAfterSeconds {
                holdPolls(for: .seconds(seconds))
            } else {
                backOff(id)
            }
        case .failure(let error):
            // A 404 or a refused key: the generation cannot be followed from here.
            polls[id] = nil
            endPolling(id, as: .failed(error), billed: nil)
        }
    }

    private func backOff(_ id: JobID) {
        guard var schedule = polls[id] else { return }
        schedule.interval = min(schedule.interval * 2, Self.maxPollInterval)
        schedule.dueIn = schedule.interval
        polls[id] = schedule
    }

    /// Over the organisation's poll rate: no poll goes out before `wait` is over.
    private func holdPolls(for wait: Duration) {
        for (id, schedule) in polls where schedule.dueIn < wait {
            polls[id]?.dueIn = wait
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
}
