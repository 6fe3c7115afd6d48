import Foundation
import IdeogramKit

extension UpscaleQueue {
    /// Starts queued jobs in FIFO order while the limits allow: requests in flight below the
    /// concurrency, images in flight (num_images summed) within the service's limit. Nothing
    /// starts while the queue is paused or a job waits out a 429. A v2 job without a price is
    /// quoted first (a request too, though free); with a daily cap, a job that would pass it is
    /// held and the next one considered.
    func pump() {
        if !isClosing && !isFinishingSent && pauseReason == nil && holdingQueue.isEmpty {
            let sending = work.keys.compactMap { jobs[$0] }.filter { $0.state.isSending }
            var requests = sending.count + work.keys.count { isQuoting($0) }
            // An accepted generation keeps its image in progress until it completes or fails.
            var images = sending.reduce(0) { $0 + $1.imageCount } + polls.count
            let imageLimit = self.imageLimit
            var batch: [Job] = []
            var quotes: [JobID] = []
            var budget = SpendingBudget(cap: spendingCap)
            var settledFront = true
            for index in min(scanFrom, order.count)..<order.count {
                let id = order[index]
                guard work[id] == nil, let job = jobs[id], job.state == .queued, !job.isHeld else {
                    if settledFront { scanFrom = index + 1 }
                    continue
                }
                settledFront = false
                // The head of the line waits for room rather than being overtaken: FIFO.
                // A job bigger than the image limit still goes, alone.
                guard requests < min(configuration.effectiveConcurrency, imageLimit) else { break }
                if needsQuote(job) {
                    quotes.append(id)
                    requests += 1
                    continue
                }
                guard images == 0 || images + job.imageCount <= imageLimit else { break }
                let hold: SpendingHold?
                do {
                    hold = try budget.hold(job, legacyPrice: configuration.legacyPriceUSDMicros) { () throws(HistoryError) in
                        try todaysSpending().todayUSDMicros
                    }
                } catch {
                    pause(because: .historyUnavailable(message: error.description))
                    break
                }
                setSpendingHold(hold, on: id)
                if hold != nil { continue }
                batch.append(jobs[id] ?? job)
                requests += 1
                images += job.imageCount
            }
            for id in quotes { startQuoting(id) }
            if !batch.isEmpty { startSending(batch) }
        }
        if isIdle { resumeIdleWaiters() }
    }

    /// Commits the move to `uploading` durably first (one commit for all the jobs starting
    /// together); only then do the requests go out. When the history cannot be written the
    /// jobs stay queued and the queue pauses.
    private func startSending(_ queued: [Job]) {
        let now = Date()
        let started = queued.map { original -> Job in
            var job = original
            job.state = .uploading
            job.attempts += 1
            job.sentAt = now
            job.updatedAt = now
            job.retryWait = nil
            return job
        }
        do {
            try history.saveBeforeSending(started, owner: session)
        } catch {
            pause(because: .historyUnavailable(message: error.description))
            return
        }
        for (job, old) in zip(started, queued) {
            jobs[job.id] = job
            hub.send(.transition(job, from: old.state))
            let id = job.id
            work[id] = Task { await self.send(id) }
        }
    }

    /// Saves the job and, when its state changed, announces the transition. Work already paid
    /// for (an answer being downloaded) goes on even if the history cannot be written, but the
    /// queue pauses so nothing new is sent unrecorded.
    /// `announcing` goes out after the commit and before the transition.
    func commit(_ job: Job, from old: JobState, logTransition: Bool = true, changes: JobChanges = .state,
                announcing: [QueueEvent] = []) {
        do {
            try history.save(job, owner: session, logTransition: logTransition, changes: changes)
        } catch {
            pause(because: .historyUnavailable(message: error.description))
        }
        jobs[job.id] = job
        if job.state == .queued { rescan() }
        for event in announcing { hub.send(event) }
        if logTransition { hub.send(.transition(job, from: old)) }
    }

    /// The configured image limit, or the service's own figure once a 429 told it.
    var imageLimit: Int {
        min(configuration.effectiveImageLimit, learntImageLimit ?? .max)
    }

    func lowerImageLimit(to images: Int) {
        learntImageLimit = min(learntImageLimit ?? .max, max(1, images))
    }

    var isIdle: Bool {
        guard work.isEmpty && polls.isEmpty else { return false }
        if isClosing || isFinishingSent || pauseReason != nil { return true }
        // Nothing before `scanFrom` is queued and free to start (see `rescan`).
        // A job held by the spending cap waits for the cap to change, which `setSpendingCap` pumps.
        return !order[min(scanFrom, order.count)...].contains {
            jobs[$0]?.state == .queued && jobs[$0]?.isHeld == false && jobs[$0]?.spendingHold == nil
        }
    }

    /// Some job may have become free to start anywhere in the line: `pump` looks from the start.
    func rescan() {
        scanFrom = 0
    }

    func resumeIdleWaiters() {
        let waiters = idleWaiters
        idleWaiters = []
        for waiter in waiters { waiter.resume() }
    }
}
