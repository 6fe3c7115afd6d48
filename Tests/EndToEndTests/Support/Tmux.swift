import Foundation

/// A tmux server of its own (a unique `-L` socket, no user configuration) holding one detached
/// session whose pane runs a plain interactive shell. Keys go in with `send-keys`, the screen
/// comes out with `capture-pane`. `stop()` ends the server and whatever still runs in the pane.
final class TmuxSession: @unchecked Sendable {
    static let executable = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static var isAvailable: Bool { executable != nil }

    /// What the shell in the pane prints as its prompt.
    static let prompt = "e2e-prompt$ "

    let socket: String
    let target = "e2e"
    let columns: Int
    let rows: Int
    private var stopped = false

    /// Starts `bash --norc --noprofile` in a `columns` x `rows` pane with exactly `environment`
    /// (plus the prompt), so nothing from the caller's shell leaks in.
    init(columns: Int = 120, rows: Int = 40, environment: [String: String]) throws {
        socket = "ideogram-e2e-\(getpid())-\(UUID().uuidString.prefix(8).lowercased())"
        self.columns = columns
        self.rows = rows
        var env = environment
        env["PS1"] = Self.prompt
        let assignments = env.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let shell = ["/usr/bin/env", "-i"] + assignments + ["/bin/bash", "--norc", "--noprofile", "-i"]
        let command = shell.map(Self.shellQuoted).joined(separator: " ")
        try run(["-f", "/dev/null", "new-session", "-d", "-s", target, "-x", "\(columns)", "-y", "\(rows)", command])
        // A detached session keeps the size asked for; no client will ever resize it.
        _ = try? run(["set-option", "-t", target, "window-size", "manual"])
        _ = try? run(["set-option", "-t", target, "remain-on-exit", "on"])
    }

    deinit { stop() }

    /// Types `text` literally (no key names), then Enter if asked.
    func type(_ text: String, enter: Bool = false) throws {
        try run(["send-keys", "-t", target, "-l", text])
        if enter { try key("Enter") }
    }

    /// Sends tmux key names: "Enter", "Tab", "Space", "C-s", "C-c", "Right", "PageUp"...
    func key(_ names: String...) throws {
        try run(["send-keys", "-t", target] + names)
    }

    /// Gives the window a new size; the program in the pane gets SIGWINCH.
    func resize(columns: Int, rows: Int) throws {
        try run(["resize-window", "-t", target, "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// The visible screen as text, one line per row, trailing spaces trimmed.
    func capture() throws -> String {
        try run(["capture-pane", "-p", "-t", target])
    }

    /// A tmux format about the pane, e.g. "#{alternate_on}", "#{cursor_flag}".
    func format(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", target, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The process running as the pane's shell.
    func panePID() throws -> pid_t {
        let text = try run(["display-message", "-p", "-t", target, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let pid = pid_t(text) else { throw E2EError("tmux gave no pane pid: \(text)") }
        return pid
    }

    /// Polls the screen until `condition` holds; throws with the last screen after `timeout`.
    @discardableResult
    func waitForScreen(_ what: String, timeout: TimeInterval = 90, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while true {
            last = (try? capture()) ?? last
            if condition(last) {
                Self.log("\(what) (after \(String(format: "%.1f", timeout - deadline.timeIntervalSinceNow)) s)", last)
                return last
            }
            if Date() > deadline { throw E2EError("timed out after \(Int(timeout)) s waiting for \(what); the screen was:\n\(last)") }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// With IDEOGRAM_E2E_LOG=FILE, every screen waited for is appended to FILE, to see what
    /// the test saw.
    static func log(_ title: String, _ screen: String) {
        guard let path = ProcessInfo.processInfo.environment["IDEOGRAM_E2E_LOG"], !path.isEmpty else { return }
        let text = "==== \(title)\n\(screen)\n"
        if let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(Data(text.utf8))
            try? handle.close()
        } else {
            _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        }
    }

    /// Ends every process in the pane (TERM, then KILL to what is left) and the server.
    func stop() {
        guard !stopped else { return }
        stopped = true
        let shell = try? panePID()
        let processes = shell.map { [$0] + ProcessTree.descendants(of: $0) } ?? []
        for pid in processes.reversed() { kill(pid, SIGTERM) }
        _ = try? run(["kill-server"])
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline, processes.contains(where: { ProcessTree.isAlive($0) }) { Thread.sleep(forTimeInterval: 0.05) }
        for pid in processes where ProcessTree.isAlive(pid) { kill(pid, SIGKILL) }
        // tmux leaves its socket file behind.
        let folder = ProcessInfo.processInfo.environment["TMUX_TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        unlink("\(folder)/tmux-\(getuid())/\(socket)")
    }

    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        guard let tmux = Self.executable else { throw E2EError("tmux is not installed") }
        let result = try Subprocess.run(tmux, ["-L", socket] + arguments, timeout: 30)
        guard result.status == 0 else {
            throw E2EError("tmux \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)")
        }
        return result.stdout
    }

    static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// Reading the process table from /proc, to find and end what the pane started.
enum ProcessTree {
    static func descendants(of root: pid_t) -> [pid_t] {
        var parents: [pid_t: pid_t] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for name in names {
            guard let pid = pid_t(name), let ppid = parent(of: pid) else { continue }
            parents[pid] = ppid
        }
        var found: [pid_t] = []
        var frontier = [root]
        while let next = frontier.popLast() {
            let children = parents.filter { $0.value == next }.map(\.key).sorted()
            found += children
            frontier += children
        }
        return found
    }

    /// The parent pid from /proc/PID/stat (the field after the parenthesised name).
    static func parent(of pid: pid_t) -> pid_t? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 1 ? pid_t(fields[1]) : nil
    }

    /// Alive and not a zombie.
    static func isAlive(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.first != "Z"
    }

    /// The command line of a process, its arguments joined by spaces.
    static func commandLine(of pid: pid_t) -> String {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return "" }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
    }
}
