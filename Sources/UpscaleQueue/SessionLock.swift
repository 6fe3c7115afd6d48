import Foundation

/// Marks a running queue as alive, so that another process (or another queue in this one)
/// opening the same history leaves its jobs alone.
///
/// Each session holds an exclusive `flock` on its own file. The kernel drops the lock when
/// the process ends, even by SIGKILL, so a lock that can be taken belongs to a dead session.
/// `flock` locks belong to the open file, so this works between queues of one process too.
final class SessionLock {
    let id: String
    private(set) var path: String
    private var fd: Int32

    private init(id: String, path: String, fd: Int32) {
        self.id = id
        self.path = path
        self.fd = fd
    }

    deinit { release() }

    /// Takes the lock of a new session.
    static func acquire(session id: String, in directory: String) throws(HistoryError) -> SessionLock {
        do {
            try OwnerOnlyFolder.ensure(directory)
        } catch {
            throw .cannotOpen(path: directory, reason: "cannot create the sessions folder: \(error.localizedDescription)")
        }
        // Locked under a hidden name, then renamed: a visible lock file is always locked, so
        // nobody can mistake a session that is just starting for a dead one.
        let path = directory + "/" + id + ".lock"
        let temporary = directory + "/." + id + ".starting"
        guard let lock = tryLock(id: id, path: temporary) else {
            throw .cannotOpen(path: temporary, reason: "cannot lock the session file (\(String(cString: strerror(errno))))")
        }
        guard rename(temporary, path) == 0 else {
            throw .cannotOpen(path: path, reason: "cannot publish the session file (\(String(cString: strerror(errno))))")
        }
        lock.path = path
        return lock
    }

    /// Sessions that left a lock file behind; the caller claims the dead ones.
    static func listedSessions(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".lock") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }
    }

    /// Takes the lock of another session if that session is gone; nil while it still runs.
    static func claimIfAbandoned(session id: String, in directory: String) -> SessionLock? {
        tryLock(id: id, path: directory + "/" + id + ".lock")
    }

    private static func tryLock(id: String, path: String) -> SessionLock? {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        return SessionLock(id: id, path: path, fd: fd)
    }

    /// Ends the session: the file is removed first, so nobody locks a file about to vanish.
    func release() {
        guard fd >= 0 else { return }
        unlink(path)
        close(fd)
        fd = -1
    }
}
