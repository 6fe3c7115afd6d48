import FakeIdeogram
import Foundation
import Testing

/// Runs the built `ideogram-tui` binary, found beside the test bundle in the build folder.
enum BuiltExecutable {
    static var url: URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return bundle.appendingPathComponent("ideogram-tui")
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String

        var lines: [[String]] {
            stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        }
    }

    /// A minimal environment: no inherited key, and HOME and XDG_DATA_HOME in `sandbox` so a
    /// run never touches the real history.
    static func environment(_ sandbox: Sandbox?, _ extra: [String: String]) -> [String: String] {
        var env = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": NSTemporaryDirectory()]
        if let sandbox {
            env["HOME"] = sandbox.home
            env["XDG_DATA_HOME"] = sandbox.data
        }
        // Under scripts/sanitizers.sh the program is built with the sanitizer: its options too.
        env.merge(ProcessInfo.processInfo.environment.filter { $0.key.hasSuffix("SAN_OPTIONS") }) { $1 }
        env.merge(extra) { $1 }
        return env
    }

    /// Runs to completion (killed after `timeout`, which fails the test).
    static func run(_ arguments: [String], in sandbox: Sandbox? = nil, environment: [String: String] = [:],
                    timeout: TimeInterval = 120) throws -> Output {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.environment = Self.environment(sandbox, environment)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Weak: Dispatch keeps a cancelled item until its time comes, and with it the process.
        let watchdog = DispatchWorkItem { [weak process] in
            if let process, process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        // Read both pipes before waiting: a full pipe would block the child.
        let errData = Locked(Data())
        let errDone = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errData.set(err.fileHandleForReading.readDataToEndOfFile())
            errDone.signal()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        errDone.wait()
        process.waitUntilExit()
        watchdog.cancel()
        if process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL {
            Issue.record("ideogram-tui \(arguments.joined(separator: " ")) did not finish within \(Int(timeout)) s")
        }
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData.get(), as: UTF8.self))
    }

    /// Starts a run in the background, its output going to files in the sandbox.
    static func start(_ arguments: [String], in sandbox: Sandbox, environment: [String: String] = [:], name: String) throws -> Process {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.environment = Self.environment(sandbox, environment)
        _ = FileManager.default.createFile(atPath: sandbox.path(name + ".out"), contents: nil)
        _ = FileManager.default.createFile(atPath: sandbox.path(name + ".err"), contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: sandbox.path(name + ".out"))
        process.standardError = FileHandle(forWritingAtPath: sandbox.path(name + ".err"))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The built `ideogram-fake`, beside `ideogram-tui`.
    static var fakeURL: URL {
        url.deletingLastPathComponent().appendingPathComponent("ideogram-fake")
    }

    /// Starts `ideogram-fake --port 0 …` in its own process and returns it with its base URL.
    static func startFakeServer(_ extra: [String] = []) throws -> FakeServer {
        let process = Process()
        process.executableURL = fakeURL
        process.arguments = ["--port", "0"] + extra
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var seen = ""
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let data = out.fileHandleForReading.availableData
            if data.isEmpty { break }
            seen += String(decoding: data, as: UTF8.self)
            if let line = seen.split(separator: "\n").first(where: { $0.hasPrefix("fake Ideogram service on ") }) {
                return FakeServer(process: process, baseURL: String(line.dropFirst("fake Ideogram service on ".count)), output: out)
            }
        }
        process.terminate()
        throw NSError(domain: "ideogram-fake did not start: \(seen)", code: 1)
    }
}

/// A fake service running as its own process.
final class FakeServer {
    let process: Process
    let baseURL: String
    private let output: Pipe

    init(process: Process, baseURL: String, output: Pipe) {
        self.process = process
        self.baseURL = baseURL
        self.output = output
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }

    /// What it received, from `GET /_fake/requests`, fetched with curl (Foundation on Linux has
    /// no HTTP client without FoundationNetworking).
    func received() throws -> [ReceivedUpscale] {
        let text = try Curl.get(baseURL + "/_fake/requests")
        return try ReceivedUpscale.makeJSONDecoder().decode([ReceivedUpscale].self, from: Data(text.utf8))
    }
}

enum Curl {
    static func get(_ url: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-sS", "--max-time", "30", url]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A temporary folder per test, with its own HOME and XDG_DATA_HOME.
struct Sandbox {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "ideogram-cmd-" + UUID().uuidString.prefix(8).lowercased()
        for folder in ["home", "data", "images", "out"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
    }

    var home: String { root + "/home" }
    var data: String { root + "/data" }
    var out: String { root + "/out" }
    var historyPath: String { data + "/ideogram-tui/history.sqlite" }

    func path(_ name: String) -> String { root + "/" + name }

    /// Writes a sample PNG into `images/` and returns its path.
    func samplePNG(_ name: String, width: Int = 48, height: Int = 32, seed: UInt64 = 3) throws -> String {
        let path = root + "/images/" + name
        try Data(SamplePictures.png(width: width, height: height, seed: seed)).write(to: URL(fileURLWithPath: path))
        return path
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }
}

/// A value shared between threads.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func get() -> Value { lock.withLock { value } }
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
}

/// Parses JSON lines.
func jsonLines(_ text: String) throws -> [[String: Any]] {
    try text.split(separator: "\n").map { line in
        guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw NSError(domain: "not a JSON object: \(line)", code: 1)
        }
        return object
    }
}

/// Waits for a condition, polling; false after `timeout`.
func poll(timeout: TimeInterval = 60, every interval: TimeInterval = 0.02, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: interval)
    }
    return try condition()
}

/// Waits for a background process, killing it after `timeout`.
func waitForExit(_ process: Process, timeout: TimeInterval = 120) -> Bool {
    let finished = poll(timeout: timeout, every: 0.05) { !process.isRunning }
    if !finished { kill(process.processIdentifier, SIGKILL) }
    // Also once it has ended: Foundation's Process keeps itself alive until it is waited for.
    process.waitUntilExit()
    return finished
}
