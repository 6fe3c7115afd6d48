import CSQLiteShim
import Foundation
import GRDB

/// Opens the SQLite file, and moves a corrupt or unreadable one aside (never deletes it) so a
/// fresh history can start.
enum HistoryFile {
    static func connect(path: String, busyTimeout: Duration) throws(HistoryError) -> (DatabaseQueue, MovedAsideHistory?) {
        try makeParentDirectory(of: path)
        if FileManager.default.fileExists(atPath: path) && access(path, R_OK | W_OK) != 0 {
            let reason = "it cannot be read and written (\(String(cString: strerror(errno))))"
            let moved = try moveAside(path, reason: reason)
            return (try connectOrFail(path: path, busyTimeout: busyTimeout), moved)
        }
        // A whole-file check reads every page, a cost that grows with the history, so it runs only
        // after a run met damage; opening and migrating already refuse a file that is not SQLite.
        let suspect = FileManager.default.fileExists(atPath: damageMarker(for: path))
        do {
            let database = try connectAndCheck(path: path, busyTimeout: busyTimeout, wholeFile: suspect)
            if suspect { unlink(damageMarker(for: path)) }
            return (database, nil)
        } catch let error as DatabaseError where isCorruption(error) {
            let moved = try moveAside(path, reason: "it is not a readable SQLite database (\(error.message ?? "\(error.resultCode)"))")
            unlink(damageMarker(for: path))
            return (try connectOrFail(path: path, busyTimeout: busyTimeout), moved)
        } catch {
            throw classify(error, path: path)
        }
    }

    /// Left beside the database by a run whose query met a damaged page (`markDamaged`).
    static func damageMarker(for path: String) -> String { path + "-damaged" }

    /// Asks the next open to check the whole file, and move it aside if it is corrupt.
    static func markDamaged(_ path: String) {
        let fd = open(damageMarker(for: path), O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        if fd >= 0 { close(fd) }
    }

    private static func connectOrFail(path: String, busyTimeout: Duration) throws(HistoryError) -> DatabaseQueue {
        do { return try connectAndCheck(path: path, busyTimeout: busyTimeout, wholeFile: false) } catch { throw classify(error, path: path) }
    }

    /// WAL lets another process read while this one writes; the busy timeout makes a second
    /// writer wait for the lock instead of failing at once.
    private static func connectAndCheck(path: String, busyTimeout: Duration, wholeFile: Bool) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(Double(busyTimeout.components.seconds) + Double(busyTimeout.components.attoseconds) / 1e18)
        configuration.label = "ideogram-tui.history"
        // WAL with NORMAL survives any crash of the process (SIGKILL included); only an OS crash
        // or power loss can drop the latest commits. The commit that precedes sending a request
        // is made durable with FULL (`History.writeDurably`), so even then no request can be
        // recorded as unsent after it went out: a lost later commit only leaves the job looking
        // in flight, which recovery reports as outcome unknown, never resends. One fsync per
        // request instead of one per transition (about 4 ms each on a typical disk).
        //
        // WAL is set here rather than with GRDB's `journalMode = .wal`, which also writes (and
        // fsyncs) a dummy table at an open whenever the WAL file is missing or empty: a workaround
        // for DatabasePool snapshots, which this queue never takes.
        //
        // The WAL also stays when the connection closes (`ideogram_sqlite_keep_wal_on_close`):
        // checkpointing it at every exit cost two fsyncs (4 to 5 ms), and recreating it at the
        // next run's first write two more. SQLite checkpoints it once it passes
        // `wal_autocheckpoint` pages, and the next open reads it back (a crash-safe state either
        // way: the WAL is SQLite's own journal). 256 pages (1 MB, about ten runs of one job): an
        // open reads at most that much back.
        configuration.prepareDatabase { db in
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            guard mode == "wal" else { throw DatabaseError(message: "could not switch the history to WAL (journal mode \(mode ?? "unknown"))") }
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 256")
            let code = ideogram_sqlite_keep_wal_on_close(db.sqliteConnection)
            guard code == ResultCode.SQLITE_OK.rawValue else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "could not keep the WAL on close")
            }
        }
        let database = try DatabaseQueue(path: path, configuration: configuration)
        do {
            try HistorySchema.migrator.migrate(database)
            if wholeFile {
                let check = try database.read { try String.fetchOne($0, sql: "PRAGMA quick_check") }
                guard check == "ok" else { throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: check ?? "quick_check failed") }
            }
            return database
        } catch {
            try? database.close()
            throw error
        }
    }

    static func isCorruption(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB
    }

    static func classify(_ error: any Error, path: String) -> HistoryError {
        if let database = error as? DatabaseError {
            if database.resultCode == .SQLITE_BUSY || database.resultCode == .SQLITE_LOCKED { return .busy(path: path) }
            return .cannotOpen(path: path, reason: database.message ?? "\(database.resultCode)")
        }
        if let history = error as? HistoryError { return history }
        return .cannotOpen(path: path, reason: "\(error)")
    }

    /// Renames the file and its WAL companions to `<name>.corrupt-<UTC time>[-n]`.
    static func moveAside(_ path: String, reason: String, now: Date = Date()) throws(HistoryError) -> MovedAsideHistory {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let stamp = path + ".corrupt-" + formatter.string(from: now)
        var target = stamp
        var counter = 2
        while FileManager.default.fileExists(atPath: target) {
            target = stamp + "-\(counter)"
            counter += 1
        }
        guard rename(path, target) == 0 else {
            throw .cannotOpen(path: path, reason: "\(reason), and it could not be moved aside (\(String(cString: strerror(errno))))")
        }
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            _ = rename(path + suffix, target + suffix)
        }
        return MovedAsideHistory(originalPath: path, movedTo: target, reason: reason)
    }

    static func makeParentDirectory(of path: String) throws(HistoryError) {
        let parent = (path as NSString).deletingLastPathComponent
        guard !parent.isEmpty else { return }
        do {
            try OwnerOnlyFolder.ensure(parent)
        } catch {
            throw .cannotOpen(path: path, reason: "cannot create its folder: \(error.localizedDescription)")
        }
    }
}

/// A history file that could not be used and was renamed so a new one could start.
public struct MovedAsideHistory: Sendable, Equatable, CustomStringConvertible {
    public var originalPath: String
    public var movedTo: String
    public var reason: String

    public var description: String {
        "the history \(originalPath) could not be used because \(reason); it was moved to \(movedTo) and a new history was started"
    }
}
