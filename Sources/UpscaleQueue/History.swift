import Foundation
import GRDB

/// The job history in SQLite: every job, every transition and every result, readable without
/// a running queue (the `history` command) and shared safely between processes.
public final class History: Sendable {
    public let path: String
    /// Set when the file found at `path` was corrupt or unreadable and was moved aside.
    public let movedAside: MovedAsideHistory?
    let database: DatabaseQueue

    /// Opens (creating when needed) the history at `path`. A corrupt or unreadable file is
    /// renamed and a new one started; `movedAside` says so, for the caller to tell the user.
    public static func open(
        at path: String = QueuePaths.defaultHistoryPath(),
        busyTimeout: Duration = .seconds(5)
    ) throws(HistoryError) -> History {
        let (database, moved) = try HistoryFile.connect(path: path, busyTimeout: busyTimeout)
        return History(path: path, database: database, movedAside: moved)
    }

    private init(path: String, database: DatabaseQueue, movedAside: MovedAsideHistory?) {
        self.path = path
        self.database = database
        self.movedAside = movedAside
    }

    /// Where running queues keep their session locks: next to the database.
    var sessionsDirectory: String { path + "-sessions" }

    /// Past and current jobs, newest first; with `olderThan`, the page after the job with that
    /// sequence number (a screen loads more as the user scrolls down).
    public func recentJobs(limit: Int = 50, olderThan sequence: Int64? = nil) throws(HistoryError) -> [Job] {
        try read { db in
            var query = JobRecord.order(Column("seq").desc)
            if let sequence { query = query.filter(Column("seq") < sequence) }
            let records = try query.limit(max(0, limit)).fetchAll(db)
            return try Self.jobs(records, db)
        }
    }

    public func job(_ id: JobID) throws(HistoryError) -> Job? {
        try read { db in
            guard let record = try JobRecord.filter(Column("id") == id.rawValue).fetchOne(db) else { return nil }
            return try Self.jobs([record], db).first
        }
    }

    /// Every state the job went through, oldest first.
    public func transitions(of id: JobID) throws(HistoryError) -> [HistoryTransition] {
        try read { db in
            try TransitionRecord.filter(Column("job_id") == id.rawValue).order(Column("id")).fetchAll(db).map {
                HistoryTransition(state: JobStateName(rawValue: $0.state), detail: $0.detail, at: $0.at)
            }
        }
    }

    static func jobs(_ records: [JobRecord], _ db: Database) throws -> [Job] {
        guard !records.isEmpty else { return [] }
        let ids = records.map(\.id)
        let results = Dictionary(grouping: try ResultRecord.filter(ids.contains(Column("job_id"))).fetchAll(db), by: \.jobID)
        var json = StoredJSONReader()
        return try records.map { try $0.job(results: results[$0.id] ?? [], json: &json) }
    }

    func read<T>(_ body: (Database) throws -> T) throws(HistoryError) -> T {
        do { return try database.read(body) } catch { throw storageError(error) }
    }

    func write<T>(_ body: (Database) throws -> T) throws(HistoryError) -> T {
        do { return try database.write(body) } catch { throw storageError(error) }
    }

    /// A write that is on disk (fsynced) when this returns, whatever happens next; see
    /// `HistoryFile.connectAndCheck`. It also makes every earlier commit durable.
    func writeDurably<T>(_ body: (Database) throws -> T) throws(HistoryError) -> T {
        do {
            return try database.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                defer { try? db.execute(sql: "PRAGMA synchronous = NORMAL") }
                var value: T?
                try db.inTransaction {
                    value = try body(db)
                    return .commit
                }
                return value!
            }
        } catch { throw storageError(error) }
    }

    func storageError(_ error: any Error) -> HistoryError {
        if let database = error as? DatabaseError,
           database.resultCode == .SQLITE_BUSY || database.resultCode == .SQLITE_LOCKED {
            return .busy(path: path)
        }
        if let database = error as? DatabaseError, HistoryFile.isCorruption(database) {
            HistoryFile.markDamaged(path)
            return .storage(message: "the history file is damaged (\(database.message ?? "\(database.resultCode)")); "
                + "the next start checks it and moves it aside if it is corrupt")
        }
        if let database = error as? DatabaseError { return .storage(message: database.message ?? "\(database.resultCode)") }
        return .storage(message: "\(error)")
    }
}

/// One line of a job's transition log.
public struct HistoryTransition: Sendable, Equatable {
    /// Nil for a state name this version does not know.
    public var state: JobStateName?
    public var detail: String?
    public var at: Date
}
