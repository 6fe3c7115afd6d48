import FakeIdeogram
import Foundation
import IdeogramKit

/// The demo: the fake service started in this process with realistic latency and an occasional
/// fault, sample pictures to upscale, and a history and results folder of its own, so trying
/// the program touches none of the user's real files and needs no key or network.
public struct DemoEnvironment: Sendable {
    public static let key = "demo-key"

    public let service: FakeIdeogramService
    public let endpoint: Endpoint
    public let apiKey: APIKey
    /// Where the sample pictures are (the folder the UI opens on, unless the user named one).
    public let samplesFolder: String
    public let historyPath: String
    public let outputDirectory: String

    public static func start(workFolder: String? = nil) async throws -> DemoEnvironment {
        var configuration = FakeServiceConfiguration()
        configuration.acceptedKeys = [key]
        configuration.latency = .milliseconds(1500)
        configuration.latencyJitter = .milliseconds(2500)
        configuration.urlLifetime = .seconds(900)
        configuration.randomFaults = [
            RandomFault(fault: .serverError(status: 503), probability: 0.05),
            RandomFault(fault: .rateLimited(retryAfter: 2), probability: 0.04),
        ]
        let service = FakeIdeogramService(configuration: configuration)
        _ = try await service.start()

        let root = workFolder ?? (NSTemporaryDirectory() + "ideogram-tui-demo-\(getpid())")
        let samples = root + "/samples"
        try writeSamples(into: samples)
        return DemoEnvironment(
            service: service,
            endpoint: try Endpoint(baseURL: service.baseURL, dialect: .official),
            apiKey: try APIKey(key),
            samplesFolder: samples,
            historyPath: root + "/history.sqlite",
            outputDirectory: root + "/results")
    }

    public func stop() async { await service.stop() }

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
