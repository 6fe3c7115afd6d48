import FakeIdeogramCore
import Foundation
import IdeogramClient
import IdeogramKit
import Testing
import UpscaleQueue
@testable import IdeogramApp

/// The demo's v2 side: the in-process fake as the queue's `GenerationService`, with the fake's
/// own model table, quotes, generations and ledger.
@Suite struct InProcessGenerationTests {
    static let endpoint = try! Endpoint(baseURL: DemoEnvironment.baseURL, dialect: .official)

    private static func backend(generation: Duration = .milliseconds(200)) -> FakeBackend {
        var configuration = FakeServiceConfiguration(acceptedKeys: ["k"])
        configuration.generationDuration = generation
        return FakeBackend(configuration: configuration, resultBaseURL: DemoEnvironment.baseURL)
    }

    @Test func aV2JobThroughTheQueueEndsDoneWithItsResultSavedAndWhatItBilled() async throws {
        let folder = NSTemporaryDirectory() + "in-process-v2-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let source = folder + "/harbour.png"
        try Data(try SamplePictures.png(width: 64, height: 48, seed: 9)).write(to: URL(fileURLWithPath: source))
        let backend = Self.backend()
        let service = InProcessFakeService(backend: backend, key: try APIKey("k"))
        var configuration = QueueConfiguration()
        configuration.outputDirectory = folder + "/results"
        let queue = try await UpscaleQueue.open(history: try History.open(at: folder + "/history.sqlite"), service: service,
                                                fetcher: InProcessResultFetcher(backend: backend), configuration: configuration)
        let request = try V2Request(model: .topazStandard2, values: [.upscaleFactor: .choice("x2"), .sharpen: .decimal(0.4)])
        let quote = try await service.quote(image: try SourceImage.open(path: source), request: request, endpoint: Self.endpoint)
        let job = try await queue.submit(imagePath: source, request: request, endpoint: Self.endpoint, quote: quote)
        await queue.waitUntilIdle()
        let done = try #require(await queue.job(job.id))
        await queue.close()

        #expect(done.state == .done)
        let record = try #require(backend.generationRecords().first)
        #expect(backend.generationRecords().count == 1 && record.status == "completed")
        #expect(record.fields["async"] == "true" && record.fields["sharpen"] == "0.4")
        #expect(done.generation?.generationID == record.generationID)
        #expect(done.generation?.billedUSDMicros == record.billedUSDMicros)
        #expect(record.billedUSDMicros == quote.usdMicros, "billed what was quoted")
        guard case .saved(let file) = done.results.first?.outcome, let sidecarPath = file.sidecarPath else {
            Issue.record("not saved: \(done.results)")
            return
        }
        let header = try ImageSniffer.sniff(Array(try Data(contentsOf: URL(fileURLWithPath: file.path))))
        #expect(header.width == 128 && header.height == 96, "the source at x2")
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let sidecar = try decoder.decode(ResultSidecar.self, from: try Data(contentsOf: URL(fileURLWithPath: sidecarPath)))
        #expect(sidecar.generation?.generationID == record.generationID)
        #expect(sidecar.generation?.billedUSDMicros == record.billedUSDMicros)
    }

    /// The contract's own figure: a 1024x1024 source at x2 with topaz-standard-2 is quoted $0.125830.
    @Test func aQuoteAnswersThePriceAndBillsNothing() async throws {
        let backend = Self.backend()
        let service = InProcessFakeService(backend: backend, key: try APIKey("k"))
        let image = try SourceImage(path: "square.png", bytes: .init(bytes: try SamplePictures.png(width: 1024, height: 1024, seed: 2)))
        let request = try V2Request(model: .topazStandard2, values: [.upscaleFactor: .choice("x2")])
        let quote = try await service.quote(image: image, request: request, endpoint: Self.endpoint)
        #expect(quote == PriceQuote(usdMicros: 125_830, qualifier: .exact))
        #expect(backend.receivedV2Calls().map(\.kind) == [.quote])
        #expect(backend.generationRecords().isEmpty, "nothing runs, nothing is billed")
    }

    @Test func pollRefusalsBecomeTheErrorsTheHTTPClientWouldGive() async throws {
        let backend = Self.backend()
        let service = InProcessFakeService(backend: backend, key: try APIKey("k"))
        backend.enqueuePollFaults([.rateLimited(retryAfter: 3)])
        do {
            _ = try await service.poll(generationID: "unknown", endpoint: Self.endpoint)
            Issue.record("a poll over the rate was answered")
        } catch {
            guard case .rateLimited(retryAfter: 3, _) = error else { Issue.record("429 with Retry-After expected, got \(error)"); return }
        }
        do {
            _ = try await service.poll(generationID: "unknown", endpoint: Self.endpoint)
            Issue.record("an unknown generation was answered")
        } catch {
            guard case .unexpectedStatus(status: 404, _) = error else { Issue.record("404 expected, got \(error)"); return }
        }
    }
}
