import Foundation
import GRDB

/// The queue's writes. Each is one transaction, so a job row, its results and its transition
/// log never disagree.
extension History {
    /// Adds a new job and logs its first state; returns it with its sequence number.
    func insert(_ job: Job, owner: String) throws(HistoryError) -> Job {
        try write { db in
            var record = JobRecord(job, owner: owner)
            try record.insert(db)
            try TransitionRecord(jobID: job.id.rawValue, state: job.state.name.rawValue, detail: nil, at: job.updatedAt).insert(db)
            var stored = job
            stored.sequence = record.seq ?? 0
            return stored
        }
    }

    /// Saves the job and logs its current state when `logTransition`. `changes` says what moved
    /// besides the state: the common transitions write a few columns, not the whole job.
    func save(_ job: Job, owner: String, logTransition: Bool, changes: JobChanges = .everything) throws(HistoryError) {
        try write { db in try Self.save(job, owner: owner, logTransition: logTransition, changes: changes, db) }
    }

    /// Saves jobs about to be sent, with their transitions, durably: a request never leaves
    /// before the history knows it may have.
    func saveBeforeSending(_ jobs: [Job], owner: String) throws(HistoryError) {
        try writeDurably { db in
            for job in jobs { try Self.save(job, owner: owner, logTransition: true, changes: .state, db) }
        }
    }

    static func save(_ job: Job, owner: String, logTransition: Bool, changes: JobChanges = .everything, _ db: Database) throws {
        switch changes {
        case .everything:
            try JobRecord(job, owner: owner).update(db)
            for result in job.results {
                try ResultRecord(jobID: job.id, result).upsert(db)
            }
        case .state:
            try saveState(job, owner: owner, db)
        case .result(let index):
            try saveState(job, owner: owner, db)
            if let result = job.results.first(where: { $0.index == index }) {
                try ResultRecord(jobID: job.id, result).upsert(db)
            }
        }
        if logTransition {
            let detail: String? = switch job.state {
            case .failed, .rejected, .outcomeUnknown: job.state.description
            default: nil
            }
            // Cached: the statements of the common transitions are compiled once per connection.
            try db.cachedStatement(sql: "INSERT INTO \"transition\" (job_id, state, detail, at) VALUES (?, ?, ?, ?)")
                .execute(arguments: [job.id.rawValue, job.state.name.rawValue, detail, job.updatedAt])
        }
    }

    /// The columns a transition changes; the request, endpoint and answer stay as written.
    private static func saveState(_ job: Job, owner: String, _ db: Database) throws {
        let (detail, failure) = JobRecord.stateColumns(job.state)
        try db.cachedStatement(sql: """
            UPDATE job SET state = ?, state_detail = ?, failure_json = ?, attempts = ?, updated_at = ?, sent_at = ?,
                answered_at = ?, owner = ? WHERE id = ?
            """).execute(arguments: [job.state.name.rawValue, detail, failure, job.attempts, job.updatedAt, job.sentAt,
                                     job.answeredAt, owner, job.id.rawValue])
    }

    /// The newest job with the same deduplication key that succeeded or is on its way.
    func duplicate(ofKey key: String) throws(HistoryError) -> Job? {
        let states: [JobStateName] = [.done, .queued, .uploading, .waitingForAnswer, .downloading]
        return try read { db in
            let record = try JobRecord
                .filter(Column("dedup_key") == key && states.map(\.rawValue).contains(Column("state")))
                .order(Column("seq").desc)
                .fetchOne(db)
            return try record.map { try Self.jobs([$0], db) }?.first
        }
    }
}
