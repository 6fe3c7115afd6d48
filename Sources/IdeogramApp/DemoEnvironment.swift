import FakeIdeogramCore
import Foundation
import IdeogramKit

/// The demo: the fake service's backend in this process with realistic latency and an
/// occasional fault (both APIs; v2 generations take a few seconds), sample pictures to upscale,
/// and a history and results folder of its own, so trying the program touches none of the
/// user's real files and needs no key or network.
/// The folder is removed by `stop()` unless it is to be kept (`IDEOGRAM_DEMO_KEEP=1`).
public struct DemoEnvironment: Sendable {
    public static let key = "demo-key"
    /// Where the demo's endpoint and result URLs point; `.invalid` never resolves, and nothing
    /// is sent over a network: the calls go to the backend in this process.
    static let baseURL = "http://in-process-fake.invalid"

    public let backend: FakeBackend
    public let service: InProcessFakeService
    public let fetcher: InProcessResultFetcher
    public let endpoint: Endpoint
    public let apiKey: APIKey
    /// The folder holding the samples, history and results.
    public let folder: String
    /// Where the sample pictures are (the folder the UI opens on, unless the user named one).
    public let samplesFolder: String
    public let historyPath: String
    public let outputDirectory: String
    /// What `stop()` does with `folder`: removes one the demo made itself, unless asked to keep
    /// it (then says where it is); leaves one it was given alone.
    let removesFolder: Bool
    let announcesFolder: Bool

    /// `workFolder` is used as is and never removed; by default a new folder in the temporary
    /// directory is made, and removed at `stop()` unless `keepFolder`.
    public static func start(workFolder: String? = nil, keepFolder: Bool = false) throws -> DemoEnvironment {
        var configuration = FakeServiceConfiguration()
        configuration.acceptedKeys = [key]
        configuration.latency = .milliseconds(1500)
        configuration.latencyJitter = .milliseconds(2500)
        configuration.urlLifetime = .seconds(900)
        // v2 generations stay pending a few seconds, as the service's do, so the UI shows them generating.
        configuration.generationDuration = .seconds(4)
        configuration.randomFaults = [
            RandomFault(fault: .serverError(status: 503), probability: 0.05),
            RandomFault(fault: .rateLimited(retryAfter: 2), probability: 0.04),
        ]
        let backend = FakeBackend(configuration: configuration, resultBaseURL: baseURL)
        let apiKey = try APIKey(key)

        let root = workFolder ?? (NSTemporaryDirectory() + "ideogram-tui-demo-\(getpid())")
        let samples = root + "/samples"
        try writeSamples(into: samples)
        return DemoEnvironment(
            backend: backend,
            service: InProcessFakeService(backend: backend, key: apiKey),
            fetcher: InProcessResultFetcher(backend: backend),
            endpoint: try Endpoint(baseURL: baseURL, dialect: .official),
            apiKey: apiKey,
            folder: root,
            samplesFolder: samples,
            historyPath: root + "/history.sqlite",
            outputDirectory: root + "/results",
            removesFolder: workFolder == nil && !keepFolder,
            announcesFolder: workFolder == nil && keepFolder)
    }

    /// Removes the demo's folder, or says on standard error where it is kept.
    public func stop() {
        if removesFolder {
            try? FileManager.default.removeItem(atPath: folder)
        } else if announcesFolder {
            FileHandle.standardError.write(Data("the demo's pictures, results and history are kept in \(folder)\n".utf8))
        }
    }

    /// A handful of pictures of different shapes and sizes, written once.
    static func writeSamples(into folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let samples: [(String, Int, Int)] = [
            ("harbour-at-dawn.png", 640, 427), ("portrait-study.png", 400, 600), ("city-lights.png", 800, 450),
            ("forest-path.png", 512, 512), ("desert-dunes.png", 720, 360), ("tiny-icon.png", 96, 96),
        ]
        for (index, (name, width, height)) in samples.enumerated() {
            let path = folder + "/" + name
            if FileManager.default.fileExists(atPath: path) { continue }
            let bytes = try SamplePictures.png(width: width, height: height, seed: UInt64(index + 1) * 7919)
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        }
    }
}
