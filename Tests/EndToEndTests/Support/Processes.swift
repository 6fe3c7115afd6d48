import FakeIdeogram
import Foundation

struct E2EError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs a program to completion with its output captured; killed after `timeout`.
enum Subprocess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Spawned with posix_spawn and reaped with waitpid, output to temporary files. Foundation's
    /// Process is no good here: it learns of the exit through a descriptor the child inherits,
    /// so when the child leaves a daemon behind (tmux starting its server) the daemon keeps it
    /// open and the exit is never seen; a pipe read to its end would hang the same way.
    static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval = 60) throws -> Result {
        let base = NSTemporaryDirectory() + "e2e-sub-" + UUID().uuidString.prefix(12).lowercased()
        let outPath = base + ".out", errPath = base + ".err"
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        // The test runs on a Dispatch worker thread, which blocks most signals; a child would
        // inherit that mask (a tmux server then never hears of its panes' ends, nor the UI of
        // SIGTERM or SIGWINCH). Start it with none blocked and every handler at its default.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw E2EError("cannot start \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped < 0 && errno != EINTR { throw E2EError("waitpid: \(String(cString: strerror(errno)))") }
            if Date() > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw E2EError("\(executable) \(arguments.joined(separator: " ")) did not finish within \(Int(timeout)) s")
            }
            usleep(2000)
        }
        // WIFEXITED / WEXITSTATUS are macros: decode by hand.
        let exitStatus: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let out = FileManager.default.contents(atPath: outPath) ?? Data()
        let err = FileManager.default.contents(atPath: errPath) ?? Data()
        return Result(status: exitStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }
}

/// The `ideogram-tui` the package built, beside the test bundle (or `IDEOGRAM_TUI_BIN`).
enum BuiltProgram {
    static var path: String {
        if let given = ProcessInfo.processInfo.environment["IDEOGRAM_TUI_BIN"], !given.isEmpty { return given }
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return folder.appendingPathComponent("ideogram-tui").path
    }
}

/// The `ideogram-fake` the package built, beside `ideogram-tui` (or `IDEOGRAM_FAKE_BIN`).
enum BuiltFake {
    static var path: String {
        if let given = ProcessInfo.processInfo.environment["IDEOGRAM_FAKE_BIN"], !given.isEmpty { return given }
        return URL(fileURLWithPath: BuiltProgram.path).deletingLastPathComponent().appendingPathComponent("ideogram-fake").path
    }
}

/// `ideogram-fake --port 0 …` as a process of its own.
final class FakeServiceProcess: @unchecked Sendable {
    let process: Process
    let baseURL: String
    private let output: Pipe

    init(arguments extra: [String] = [], timeout: TimeInterval = 60) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuiltFake.path)
        process.arguments = ["--port", "0"] + extra
        // Under scripts/sanitizers.sh the fake is built with the sanitizer: its options too.
        process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": NSTemporaryDirectory()]
            .merging(ProcessInfo.processInfo.environment.filter { $0.key.hasSuffix("SAN_OPTIONS") }) { $1 }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        self.process = process
        self.output = out
        // Read the banner on another thread so a silent child cannot hang the test.
        let banner = Banner()
        let reader = out.fileHandleForReading
        DispatchQueue.global().async {
            while true {
                let data = reader.availableData
                if data.isEmpty { break }
                let done = banner.append(String(decoding: data, as: UTF8.self))
                if done { break }
            }
        }
        let prefix = "fake Ideogram service on "
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let line = banner.text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) {
                baseURL = String(line.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
                return
            }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let seen = banner.text
        Self.end(process)
        throw E2EError("the fake service did not start within \(Int(timeout)) s: \(seen)")
    }

    deinit { stop() }

    func stop() { Self.end(process) }

    private static func end(_ process: Process) {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// `GET /_fake/requests`, through curl (Foundation on Linux has no HTTP client of its own).
    func receivedRequests() throws -> [ReceivedUpscale] {
        let result = try Subprocess.run("/usr/bin/curl", ["-sS", "--max-time", "30", baseURL + "/_fake/requests"])
        guard result.status == 0 else { throw E2EError("curl /_fake/requests failed: \(result.stderr)") }
        return try ReceivedUpscale.makeJSONDecoder().decode([ReceivedUpscale].self, from: Data(result.stdout.utf8))
    }

    /// `GET /_fake/v2/calls`: every v2 upscale, quote and poll the fake received.
    func receivedV2Calls() throws -> [ReceivedV2Call] {
        try fetch("/_fake/v2/calls", as: [ReceivedV2Call].self)
    }

    /// `GET /_fake/v2/generations`: every generation as it stands, with what it billed.
    func generations() throws -> [GenerationRecord] {
        try fetch("/_fake/v2/generations", as: [GenerationRecord].self)
    }

    private func fetch<T: Decodable>(_ route: String, as type: T.Type) throws -> T {
        let result = try Subprocess.run("/usr/bin/curl", ["-sS", "--max-time", "30", baseURL + route])
        guard result.status == 0 else { throw E2EError("curl \(route) failed: \(result.stderr)") }
        return try ReceivedUpscale.makeJSONDecoder().decode(T.self, from: Data(result.stdout.utf8))
    }

    /// `POST /_fake/faults`: faults for the next requests, e.g. "delay:8s".
    func injectFaults(_ specs: [String]) throws {
        let body = try JSONSerialization.data(withJSONObject: ["faults": specs])
        let result = try Subprocess.run("/usr/bin/curl", ["-sS", "--max-time", "30", "-X", "POST", "-H", "Content-Type: application/json",
                                                          "--data-binary", String(decoding: body, as: UTF8.self), baseURL + "/_fake/faults"])
        guard result.status == 0, result.stdout.contains("queued") else {
            throw E2EError("POST /_fake/faults failed: \(result.stdout) \(result.stderr)")
        }
    }

    private final class Banner: @unchecked Sendable {
        private let lock = NSLock()
        private var value = ""
        var text: String { lock.withLock { value } }
        /// True once the first line is complete.
        func append(_ more: String) -> Bool {
            lock.withLock {
                value += more
                return value.contains("\n")
            }
        }
    }
}

/// A temporary tree per test: HOME, the XDG folders, a config file, pictures, results.
struct E2ESandbox {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "ideogram-e2e-" + UUID().uuidString.prefix(8).lowercased()
        for folder in ["home", "config/ideogram-tui", "data", "state", "cache", "pictures/album", "results"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
    }

    var home: String { root + "/home" }
    var pictures: String { root + "/pictures" }
    var album: String { root + "/pictures/album" }
    var results: String { root + "/results" }

    /// The environment the UI runs with: nothing inherited but what is named here.
    func environment(extra: [String: String] = [:]) -> [String: String] {
        var env = [
            "PATH": "/usr/bin:/bin",
            "HOME": home,
            "XDG_CONFIG_HOME": root + "/config",
            "XDG_DATA_HOME": root + "/data",
            "XDG_STATE_HOME": root + "/state",
            "XDG_CACHE_HOME": root + "/cache",
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "IDEOGRAM_API_KEY": "test-key",
        ]
        // Under scripts/sanitizers.sh the UI is built with the sanitizer: its options too.
        env.merge(ProcessInfo.processInfo.environment.filter { $0.key.hasSuffix("SAN_OPTIONS") }) { $1 }
        env.merge(extra) { $1 }
        return env
    }

    func writeConfig(_ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/config/ideogram-tui/config.toml"))
    }

    func writeSample(_ name: String, width: Int, height: Int, seed: UInt64) throws {
        try Data(SamplePictures.png(width: width, height: height, seed: seed)).write(to: URL(fileURLWithPath: album + "/" + name))
    }

    /// Result images written to the output folder (sidecars and hidden temporary files left out).
    func resultImages() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: results)) ?? []
        return names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".json") }.sorted()
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}
