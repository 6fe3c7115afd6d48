import Foundation
import IdeogramKit
import Testing
@testable import UpscaleQueue

/// A fresh folder under /tmp for one test; removed by `remove()`.
struct TemporaryFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "upscale-queue-tests-" + UUID().uuidString.prefix(8).lowercased()
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

enum TestImages {
    /// The smallest bytes the intake accepts as a whole PNG: signature, IHDR, a private chunk
    /// holding `salt` (so images can differ), IEND. CRCs are not checked.
    static func png(width: Int = 64, height: Int = 48, salt: UInt8 = 0) -> [UInt8] {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
        bytes += Array("IHDR".utf8)
        for value in [width, height] {
            bytes += [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
        }
        bytes += [8, 6, 0, 0, 0, 0, 0, 0, 0]
        bytes += [0, 0, 0, 1] + Array("saLt".utf8) + [salt, 0, 0, 0, 0]
        bytes += [0, 0, 0, 0] + Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82]
        return bytes
    }

    /// Writes a PNG named `name` into `folder` and returns its path.
    @discardableResult
    static func write(_ name: String, in folder: String, bytes: [UInt8] = png()) -> String {
        let path = folder + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }
}

/// Polls `condition` until it holds or `timeout` passes (generous: a loaded machine is slow,
/// and a passing test returns as soon as the condition holds).
func eventually(timeout: Duration = .seconds(60), _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return await condition()
}

/// Collects every event of a queue from the moment it is made.
final class EventLog: Sendable {
    private let store = Store()
    private let task: Task<Void, Never>

    private actor Store {
        var events: [QueueEvent] = []
        func add(_ event: QueueEvent) { events.append(event) }
    }

    init(_ stream: AsyncStream<QueueEvent>) {
        let store = self.store
        task = Task { for await event in stream { await store.add(event) } }
    }

    var events: [QueueEvent] {
        get async { await store.events }
    }

    /// The states a job moved to, in order, as announced.
    func states(of id: JobID) async -> [JobStateName] {
        await events.compactMap { event in
            if case .transition(let job, _) = event, job.id == id { return job.state.name }
            return nil
        }
    }

    func stop() { task.cancel() }
}

let testEndpoint = try! Endpoint(baseURL: "http://fake.test", dialect: .aggregator)

/// A retry policy whose waits are the jitter ceiling itself, so tests can predict them.
func predictableRetry(maxAttempts: Int = 4, base: Duration = .seconds(1), cap: Duration = .seconds(8)) -> RetryPolicy {
    RetryPolicy(maxAttempts: maxAttempts, baseDelay: base, maxDelay: cap, jitter: { $0 })
}

/// A queue on a fresh history with scripted network and a manual clock.
struct QueueFixture {
    let folder: TemporaryFolder
    let service: ScriptedService
    let fetcher: ScriptedFetcher
    let sleeper: ManualSleeper
    let history: History
    let queue: UpscaleQueue
    let log: EventLog

    var historyPath: String { folder.path + "/history.sqlite" }
    var outputPath: String { folder.path + "/out" }

    static func make(
        folder: TemporaryFolder = TemporaryFolder(),
        concurrency: Int = 4,
        maxImagesInFlight: Int = 10,
        upscaleRetry: RetryPolicy = predictableRetry(),
        downloadRetry: RetryPolicy = predictableRetry(maxAttempts: 3, base: .milliseconds(100), cap: .seconds(1)),
        service: ScriptedService = ScriptedService(),
        fetcher: ScriptedFetcher = ScriptedFetcher(),
        sleeper: ManualSleeper = ManualSleeper(),
        savesResults: Bool = true,
        legacyPriceUSDMicros: Int64 = QueueConfiguration.defaultLegacyPriceUSDMicros,
        maxSpendUSDMicrosPerDay: Int64? = nil
    ) async throws -> QueueFixture {
        let history = try History.open(at: folder.path + "/history.sqlite")
        let configuration = QueueConfiguration(concurrency: concurrency, maxImagesInFlight: maxImagesInFlight,
                                               upscaleRetry: upscaleRetry, downloadRetry: downloadRetry,
                                               outputDirectory: folder.path + "/out", savesResults: savesResults,
                                               legacyPriceUSDMicros: legacyPriceUSDMicros, maxSpendUSDMicrosPerDay: maxSpendUSDMicrosPerDay)
        let queue = try await UpscaleQueue.open(history: history, service: service, fetcher: fetcher,
                                                configuration: configuration, sleeper: sleeper)
        let log = EventLog(await queue.events())
        return QueueFixture(folder: folder, service: service, fetcher: fetcher, sleeper: sleeper, history: history, queue: queue, log: log)
    }

    /// Writes an image and submits it.
    @discardableResult
    func submit(_ name: String, request: UpscaleRequest = UpscaleRequest(), force: Bool = false, salt: UInt8 = 0) async throws -> Job {
        let path = TestImages.write(name, in: folder.path, bytes: TestImages.png(salt: salt))
        return try await queue.submit(imagePath: path, request: request, endpoint: testEndpoint, force: force)
    }

    func state(_ id: JobID) async -> JobState? {
        await queue.job(id)?.state
    }

    func waitFor(_ id: JobID, _ name: JobStateName, timeout: Duration = .seconds(60)) async -> Bool {
        await eventually(timeout: timeout) { await queue.job(id)?.state.name == name }
    }

    func finish() async {
        await queue.close()
        log.stop()
        folder.remove()
    }
}
