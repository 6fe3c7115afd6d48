import Foundation
import IdeogramClient
import IdeogramKit
import UpscaleQueue

/// One `upscale` run: opens the history and the queue, takes over what an earlier run left,
/// submits the files (all through the queue), reports each as it finishes, and closes the
/// queue cleanly, also on SIGINT or SIGTERM.
struct UpscaleRun: Sendable {
    let plan: UpscalePlan
    let reporter: RunReporter
    let signals: SignalWatch

    /// The run's exit status, once every job is settled and recorded.
    func run() async -> ExitStatus {
        let history: History
        do { history = try History.open(at: plan.historyPath) } catch {
            await reporter.fatal(error.description)
            return .historyUnavailable
        }
        if let moved = history.movedAside { await reporter.note(moved.description) }
        let network = LiveNetwork(credentials: [(plan.endpoint, plan.key)], timeouts: plan.timeouts)
        let queue: UpscaleQueue
        do {
            queue = try await UpscaleQueue.open(history: history, service: network.service, fetcher: network.downloader,
                                                configuration: plan.queueConfiguration)
        } catch {
            await reporter.fatal(error.description)
            try? await network.shutdown()
            return .historyUnavailable
        }
        let events = await queue.events()
        let reporter = self.reporter
        let live = reporter.live
        let consumer = Task {
            for await event in events where RunReporter.wants(event, live: live) {
                await reporter.handle(event)
            }
        }
        let ticker: Task<Void, Never>? = live ? Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(200))
                await reporter.tick()
            }
        } : nil

        let recovered = await takeOver(queue, history: history)
        if plan.resume && recovered.isEmpty && plan.files.isEmpty {
            await reporter.note("nothing to resume: no job of an earlier run is waiting in \(plan.historyPath)")
        }
        await reporter.expect(recovered.count + plan.files.count)
        let (submitted, historyFailed, signal) = await submitAndWait(queue)
        // Closing finishes the event streams once every in-flight job is settled and recorded.
        await queue.close()
        await consumer.value
        ticker?.cancel()

        let status = await conclude(recovered + submitted, queue: queue, history: history, signal: signal?.number,
                                    historyFailed: historyFailed)
        await reporter.finish(stoppedBy: signal?.name)
        try? await network.shutdown()
        return status
    }

    // MARK: Steps

    /// What the queue took over from runs that stopped: downloads it resumes at once are
    /// reported here; queued jobs are sent with `--resume` only; jobs that were in flight are
    /// outcome unknown and listed with `--resume`.
    private func takeOver(_ queue: UpscaleQueue, history: History) async -> [RunEntry] {
        let report = queue.recovery
        var entries: [RunEntry] = []
        if !report.outcomeUnknown.isEmpty {
            await reporter.note("\(count(report.outcomeUnknown.count, "job")) of an earlier run \(report.outcomeUnknown.count == 1 ? "was" : "were") in flight when it stopped: "
                + "the outcome is unknown (it may have been billed), so \(report.outcomeUnknown.count == 1 ? "it is" : "they are") not sent again; see `ideogram-tui history`")
            if plan.resume {
                for id in report.outcomeUnknown {
                    if let job = try? history.job(id) { entries.append(.job(id, source: job.sourcePath)) }
                }
            }
        }
        for id in report.resumedDownloads {
            if let job = await queue.job(id) { entries.append(.job(id, source: job.sourcePath)) }
        }
        if !report.resumedDownloads.isEmpty {
            await reporter.note("finishing \(count(report.resumedDownloads.count, "download")) of an earlier run")
        }
        // Accepted generations are polled whatever the options: they are paid for, never sent again.
        for id in report.resumedPolls {
            if let job = await queue.job(id) { entries.append(.job(id, source: job.sourcePath)) }
        }
        if !report.resumedPolls.isEmpty {
            await reporter.note("following \(count(report.resumedPolls.count, "generation")) of an earlier run to \(report.resumedPolls.count == 1 ? "its" : "their") end (accepted by the service: polled, never sent again)")
        }
        guard !report.heldQueued.isEmpty else { return entries }
        guard plan.resume else {
            await reporter.note("\(count(report.heldQueued.count, "job")) left queued by an earlier run \(report.heldQueued.count == 1 ? "waits" : "wait"): "
                + "`ideogram-tui upscale --resume` sends \(report.heldQueued.count == 1 ? "it" : "them")")
            return entries
        }
        var released = 0, elsewhere = 0
        for id in report.heldQueued {
            guard let job = await queue.job(id) else { continue }
            // The key given now is for this endpoint only: another service's jobs wait for theirs.
            guard job.endpoint == plan.endpoint else {
                elsewhere += 1
                continue
            }
            do {
                try await queue.retry(id)
                entries.append(.job(id, source: job.sourcePath))
                released += 1
            } catch {
                await reporter.note("job \(id): \(error.description)")
            }
        }
        if released > 0 { await reporter.note("sending \(count(released, "job")) left queued by an earlier run") }
        if elsewhere > 0 {
            await reporter.note("\(count(elsewhere, "queued job")) of an earlier run \(elsewhere == 1 ? "is" : "are") for another service address and stay queued: "
                + "run --resume with that --base-url and --dialect")
        }
        return entries
    }

    /// Submits every file, then waits until nothing more can happen. Signals change how it
    /// ends (see `StopLadder`): the first Ctrl-C sends nothing new and waits for the requests
    /// already sent, whose results are paid for; Ctrl-C again, or SIGTERM, closes the queue at once.
    private func submitAndWait(_ queue: UpscaleQueue) async -> (entries: [RunEntry], historyFailed: Bool, signal: CaughtSignal?) {
        enum Step: Sendable {
            case submitted([RunEntry], historyFailed: Bool)
            case signal(CaughtSignal?)
            case sentWorkFinished
        }
        return await withTaskGroup(of: Step.self) { group in
            group.addTask {
                let (entries, failed) = await submitAll(queue)
                await queue.waitUntilIdle()
                return .submitted(entries, historyFailed: failed)
            }
            group.addTask { .signal(await signals.next()) }
            var entries: [RunEntry] = []
            var historyFailed = false
            var caught: CaughtSignal?
            for await step in group {
                switch step {
                case .submitted(let submitted, let failed):
                    entries = submitted
                    historyFailed = failed
                    group.cancelAll()
                case .signal(let signal?):
                    caught = signal
                    await reporter.note(Self.stopNote(signal, sentInFlight: await queue.sentInFlight))
                    switch signal.request {
                    case .finishSent:
                        group.addTask {
                            await queue.finishSentWork()
                            return .sentWorkFinished
                        }
                        group.addTask { .signal(await signals.next()) }
                    case .stopNow:
                        await queue.close()
                    }
                case .signal(nil), .sentWorkFinished:
                    break
                }
            }
            return (entries, historyFailed, caught)
        }
    }

    /// What stopping on `signal` does to the `sent` requests in flight, for stderr.
    static func stopNote(_ signal: CaughtSignal, sentInFlight sent: Int) -> String {
        switch signal.request {
        case .finishSent:
            guard sent > 0 else { return "stopping on \(signal.name): nothing new is sent" }
            return "stopping on \(signal.name): nothing new is sent; waiting for \(sent == 1 ? "1 answer" : "\(sent) answers") already paid for; "
                + "Ctrl-C again abandons \(sent == 1 ? "it" : "them")"
        case .stopNow:
            guard sent > 0 else { return "stopping on \(signal.name)" }
            return "stopping on \(signal.name): abandoning \(sent == 1 ? "1 request" : "\(sent) requests") in flight, outcome unknown (may have been billed); "
                + "again to quit at once"
        }
    }

    private func submitAll(_ queue: UpscaleQueue) async -> ([RunEntry], Bool) {
        var entries: [RunEntry] = []
        for file in plan.files {
            do {
                let job = try await submit(file, to: queue)
                entries.append(.job(job.id, source: file))
            } catch {
                switch error {
                case .duplicate(let earlier):
                    entries.append(.duplicate)
                    await reporter.write(.duplicate(source: file, earlier: earlier))
                case .invalidImage(let problem):
                    entries.append(.refused(.invalidImage(problem)))
                    await reporter.write(.refused(source: file, request: plan.request, generation: plan.generation, endpoint: plan.endpoint, error: .invalidImage(problem)))
                case .invalidRequest(let problem):
                    entries.append(.refused(.invalidRequest(problem)))
                    await reporter.write(.refused(source: file, request: plan.request, generation: plan.generation, endpoint: plan.endpoint, error: .invalidRequest(problem)))
                case .closed:
                    return (entries, false)
                case .history, .job:
                    await reporter.fatal("\(error.description); the files after \(file) were not queued")
                    return (entries, true)
                }
            }
        }
        return (entries, false)
    }

    /// A v2 job when a model was chosen (never a duplicate: each generation is its own), else a legacy one.
    private func submit(_ file: String, to queue: UpscaleQueue) async throws(SubmitError) -> Job {
        if let generation = plan.generation {
            return try await queue.submit(imagePath: file, request: generation, endpoint: plan.endpoint)
        }
        return try await queue.submit(imagePath: file, request: plan.request, endpoint: plan.endpoint, force: plan.force)
    }

    /// Reports whatever the events did not (jobs left unfinished, jobs settled as the queue
    /// closed) and works out the exit status: that of the first entry that did not succeed.
    private func conclude(_ entries: [RunEntry], queue: UpscaleQueue, history: History, signal: Int32?,
                          historyFailed: Bool) async -> ExitStatus {
        let jobs = Dictionary(await queue.snapshot().map { ($0.id, $0) }) { first, _ in first }
        let pause = await queue.pauseReason
        var first: ExitStatus?
        for entry in entries {
            let status: ExitStatus
            switch entry {
            case .duplicate:
                status = .success
            case .refused(let error):
                status = ExitStatus(error.category)
            case .job(let id, let source):
                guard let job = jobs[id] ?? (try? history.job(id)) ?? nil else { continue }
                if job.state.isFinished {
                    await reporter.report(job, source: source)
                    status = ExitStatus(finished: JobReport(job))
                } else if job.spendingHold != nil {
                    await reporter.held(job, source: source)
                    status = .heldByCap
                } else {
                    await reporter.pending(job, source: source, reason: Self.pendingReason(pause: pause, signal: signal))
                    status = Self.status(pausedBy: pause)
                }
            }
            if status != .success && first == nil { first = status }
        }
        if let signal { return signal == SIGTERM ? .terminated : .interrupted }
        if let first { return first }
        return historyFailed ? .historyUnavailable : .success
    }

    static func status(pausedBy pause: PauseReason?) -> ExitStatus {
        switch pause {
        case .outOfCredit: .outOfCredit
        case .unauthorized: .authorization
        case .historyUnavailable: .historyUnavailable
        case .user, nil: .failure
        }
    }

    static func pendingReason(pause: PauseReason?, signal: Int32?) -> String {
        if let signal { return "interrupted by \(SignalWatch.name(signal))" }
        if let pause { return pause.description }
        return "not finished"
    }

    private func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }
}

/// What one source file (or one job taken over from an earlier run) came to in a run.
enum RunEntry: Sendable {
    /// Went through the queue as this job.
    case job(JobID, source: String)
    /// Not sent: the same bytes, request and fixed seed were done (or under way) already.
    case duplicate
    /// Refused before it was queued (the file changed after it was checked).
    case refused(UpscaleError)
}
