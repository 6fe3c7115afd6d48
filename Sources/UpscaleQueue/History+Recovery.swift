import Foundation
import GRDB

/// What opening a queue found left over from runs that stopped without finishing.
public struct RecoveryReport: Sendable, Equatable {
    /// Were being sent or awaited: they may have been billed, so they are not sent again.
    public var outcomeUnknown: [JobID] = []
    /// Had their answer: their downloads start again at once.
    public var resumedDownloads: [JobID] = []
    /// v2 generations the service had accepted: polled again at once, never sent again.
    public var resumedPolls: [JobID] = []
    /// Were waiting their turn: they stay queued until `resumeRecovered()`.
    public var heldQueued: [JobID] = []

    public var isEmpty: Bool { outcomeUnknown.isEmpty && resumedDownloads.isEmpty && resumedPolls.isEmpty && heldQueued.isEmpty }
}

extension History {
    static let interruptedMessage = "the program stopped while the request was in flight; it may have been billed"

    /// Takes over the unfinished jobs of sessions that are no longer running, leaving those of
    /// live sessions alone. Returns the adopted jobs that still need work (downloads, queued).
    func adoptAbandonedJobs(session: String, now: Date = Date()) throws(HistoryError) -> (jobs: [Job], report: RecoveryReport) {
        let active = [JobStateName.queued, .uploading, .waitingForAnswer, .generating, .downloading].map(\.rawValue)
        let owners: [String?] = try read { db in
            try String?.fetchAll(db, sql: "SELECT DISTINCT owner FROM job WHERE state IN (?, ?, ?, ?, ?) AND (owner IS NULL OR owner != ?)",
                                 arguments: StatementArguments(active + [session]))
        }
        var report = RecoveryReport()
        for owner in owners {
            // A session whose lock is still held is alive: its jobs are its own business.
            let claim = owner.flatMap { SessionLock.claimIfAbandoned(session: $0, in: sessionsDirectory) }
            if owner != nil && claim == nil { continue }
            defer { claim?.release() }
            try write { db in
                let records = try JobRecord.filter(Column("owner") == owner && active.contains(Column("state"))).fetchAll(db)
                for var job in try Self.jobs(records, db) {
                    switch job.state {
                    case .uploading, .waitingForAnswer:
                        job.state = .outcomeUnknown(message: Self.interruptedMessage)
                        job.updatedAt = now
                        try Self.save(job, owner: session, logTransition: true, db)
                        report.outcomeUnknown.append(job.id)
                    case .downloading:
                        try Self.save(job, owner: session, logTransition: false, db)
                        report.resumedDownloads.append(job.id)
                    case .generating:
                        try Self.save(job, owner: session, logTransition: false, db)
                        report.resumedPolls.append(job.id)
                    default:
                        try Self.save(job, owner: session, logTransition: false, db)
                        report.heldQueued.append(job.id)
                    }
                }
            }
        }
        sweepDeadSessions()
        let adopted = report.resumedDownloads + report.resumedPolls + report.heldQueued
        // Nearly every run adopts nothing; its first query-interface read would cost 1-2 ms.
        guard !adopted.isEmpty else { return ([], report) }
        let jobs: [Job] = try read { db in
            let records = try JobRecord.filter(adopted.map(\.rawValue).contains(Column("id"))).order(Column("seq")).fetchAll(db)
            return try Self.jobs(records, db)
        }
        return (jobs, report)
    }

    /// Removes lock files of dead sessions that had nothing left to adopt.
    private func sweepDeadSessions() {
        for session in SessionLock.listedSessions(in: sessionsDirectory) {
            SessionLock.claimIfAbandoned(session: session, in: sessionsDirectory)?.release()
        }
    }
}
