import Foundation
import GRDB

/// The queue's writes. Each is one transaction, so a job row, its results and its transition
/// log never disagree.
extension History {
    /// Adds a new job and logs its first state; returns it with its sequence number.
    func insert(_ job: Job, owner: String) throws(HistoryError) -> Job {
        try write { db in
            let record = JobRecord(job, owner: owner)
            try db.cachedStatement(sql: """
                INSERT INTO job (id, source_path, image_digest, request_json, dedup_key, endpoint_json, output_dir, state,
                    state_detail, failure_json, attempts, answer_json, submitted_at, updated_at, sent_at, answered_at, owner,
                    v2_model, v2_request_json, generation_id, quote_usd_micros, quote_qualifier, quote_upper_bound_usd_micros,
                    billed_usd_micros)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [record.id, record.sourcePath, record.imageDigest, record.requestJSON, record.dedupKey,
                                         record.endpointJSON, record.outputDir, record.state, record.stateDetail, record.failureJSON,
                                         record.attempts, record.answerJSON, HistoryTime.milliseconds(record.submittedAt),
                                         HistoryTime.milliseconds(record.updatedAt), HistoryTime.milliseconds(record.sentAt),
                                         HistoryTime.milliseconds(record.answeredAt), record.owner,
                                         record.v2Model, record.v2RequestJSON, record.generationID, record.quoteUSDMicros,
                                         record.quoteQualifier, record.quoteUpperBoundUSDMicros, record.billedUSDMicros])
            var stored = job
            stored.sequence = db.lastInsertedRowID
            try Self.insertTransition(of: job, db)
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
            // The request, endpoint and paths never change after the insert: the state and the answer do.
            try saveState(job, owner: owner, db)
            try db.cachedStatement(sql: "UPDATE job SET answer_json = ? WHERE id = ?")
                .execute(arguments: [job.answer.map(StoredJSON.encode), job.id.rawValue])
            for result in job.results {
                try saveResult(ResultRecord(jobID: job.id, result), db)
            }
        case .state:
            try saveState(job, owner: owner, db)
        case .result(let index):
            try saveState(job, owner: owner, db)
            if let result = job.results.first(where: { $0.index == index }) {
                try saveResult(ResultRecord(jobID: job.id, result), db)
            }
        }
        if logTransition { try insertTransition(of: job, db) }
    }

    // The writes below are cached SQL rather than GRDB's Codable records: a job commits five
    // times, and record encoding was a fifth of the queue's CPU. Statements are compiled once
    // per connection.

    private static func insertTransition(of job: Job, _ db: Database) throws {
        let detail: String? = switch job.state {
        case .failed, .rejected, .outcomeUnknown: job.state.description
        default: nil
        }
        try db.cachedStatement(sql: "INSERT INTO \"transition\" (job_id, state, detail, at) VALUES (?, ?, ?, ?)")
            .execute(arguments: [job.id.rawValue, job.state.name.rawValue, detail, HistoryTime.milliseconds(job.updatedAt)])
    }

    private static func saveResult(_ record: ResultRecord, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO result (job_id, idx, seed, prompt, resolution, url, outcome, path, sidecar_path, bytes, format, status, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (job_id, idx) DO UPDATE SET seed = excluded.seed, prompt = excluded.prompt,
                resolution = excluded.resolution, url = excluded.url, outcome = excluded.outcome, path = excluded.path,
                sidecar_path = excluded.sidecar_path, bytes = excluded.bytes, format = excluded.format,
                status = excluded.status, detail = excluded.detail
            """).execute(arguments: [record.jobID, record.idx, record.seed, record.prompt, record.resolution, record.url, record.outcome,
                                     record.path, record.sidecarPath, record.bytes, record.format, record.status, record.detail])
    }

    /// The columns a transition changes; the request, endpoint and answer stay as written. A v2
    /// job's generation id and amount billed change with its state.
    private static func saveState(_ job: Job, owner: String, _ db: Database) throws {
        let (detail, failure) = JobRecord.stateColumns(job.state)
        try db.cachedStatement(sql: """
            UPDATE job SET state = ?, state_detail = ?, failure_json = ?, attempts = ?, updated_at = ?, sent_at = ?,
                answered_at = ?, owner = ? WHERE id = ?
            """).execute(arguments: [job.state.name.rawValue, detail, failure, job.attempts, HistoryTime.milliseconds(job.updatedAt),
                                     HistoryTime.milliseconds(job.sentAt), HistoryTime.milliseconds(job.answeredAt), owner, job.id.rawValue])
        if let generation = job.generation {
            try db.cachedStatement(sql: "UPDATE job SET generation_id = ?, billed_usd_micros = ? WHERE id = ?")
                .execute(arguments: [generation.generationID, generation.billedUSDMicros, job.id.rawValue])
        }
    }

    /// Records a generation the service accepted, durably, before anything else happens to the
    /// job: from here it is polled, never sent again.
    func saveAccepted(_ job: Job, owner: String) throws(HistoryError) {
        try writeDurably { db in try Self.save(job, owner: owner, logTransition: true, changes: .state, db) }
    }

    /// The newest job with the same deduplication key that succeeded or is on its way.
    func duplicate(ofKey key: String) throws(HistoryError) -> Job? {
        let states: [JobStateName] = [.done, .queued, .uploading, .waitingForAnswer, .generating, .downloading]
        return try read { db in
            let record = try JobRecord
                .filter(Column("dedup_key") == key && states.map(\.rawValue).contains(Column("state")))
                .order(Column("seq").desc)
                .fetchOne(db)
            return try record.map { try Self.jobs([$0], db) }?.first
        }
    }
}
