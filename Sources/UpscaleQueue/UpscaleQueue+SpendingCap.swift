import Foundation
import IdeogramKit

/// The daily spending cap: before a job is sent, today's spending (local day: what was billed,
/// plus the quote or estimate of what was sent and may have been billed) and the job's own
/// price are compared with the cap; a job that would pass it stays queued, held, until the cap
/// is raised or today's figure falls (a generation that failed bills nothing).
extension UpscaleQueue {
    /// Today's spending and the cap in force, for a screen to show. When the history cannot be
    /// read the queue pauses (nothing is sent unrecorded) and the last figures read are given.
    public func spending() -> SpendingSnapshot {
        do { return try todaysSpending() } catch {
            pause(because: .historyUnavailable(message: error.description))
            return lastSpending ?? SpendingSnapshot(todayUSDMicros: 0, legacyEstimateUSDMicros: 0, capUSDMicros: spendingCap)
        }
    }

    /// Sets (or with nil lifts) the daily cap: held jobs are checked again and those that now fit are sent.
    public func setSpendingCap(_ micros: Int64?) {
        spendingCap = micros
        rescan()
        pump()
    }

    /// Today's spending read from the history: every job sent since local midnight, by any run.
    func todaysSpending(now: Date = Date()) throws(HistoryError) -> SpendingSnapshot {
        let since = LocalDay.start(of: now)
        var total: Int64 = 0
        var estimated: Int64 = 0
        for job in try history.jobsSent(since: since) {
            guard let spend = job.spend(legacyPriceUSDMicros: configuration.legacyPriceUSDMicros) else { continue }
            total += spend.totalUSDMicros
            if spend.isEstimate { estimated += spend.totalUSDMicros }
        }
        let snapshot = SpendingSnapshot(todayUSDMicros: total, legacyEstimateUSDMicros: estimated, capUSDMicros: spendingCap)
        lastSpending = snapshot
        return snapshot
    }

    /// Records the job's hold (or its end) and announces a change.
    func setSpendingHold(_ hold: SpendingHold?, on id: JobID) {
        guard var job = jobs[id], job.spendingHold != hold else { return }
        job.spendingHold = hold
        jobs[id] = job
        hub.send(.spendingHoldChanged(job))
    }
}

/// One `pump`'s view of today's spending: read from the history when a job first needs it,
/// then grown by each job the pump starts (they are recorded as sent only after it).
struct SpendingBudget {
    let cap: Int64?
    private var spent: Int64?

    init(cap: Int64?) {
        self.cap = cap
    }

    /// The hold `job` needs, or nil when it fits (then its price is counted as spent).
    mutating func hold(_ job: Job, legacyPrice: Int64, today: () throws(HistoryError) -> Int64) throws(HistoryError) -> SpendingHold? {
        guard let cap else { return nil }
        let cost = job.expectedCost(legacyPriceUSDMicros: legacyPrice) ?? 0
        let current: Int64
        if let spent { current = spent } else { current = try today() }
        spent = current
        guard current + cost <= cap else {
            return SpendingHold(todayUSDMicros: current, jobUSDMicros: cost, capUSDMicros: cap, jobIsEstimate: job.generation.map { $0.quote?.qualifier == .estimate } ?? true)
        }
        spent = current + cost
        return nil
    }
}
