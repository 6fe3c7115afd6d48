import FakeIdeogramCore
import Foundation
import IdeogramClient
import IdeogramKit
import Synchronization
import Testing
@testable import IdeogramApp

/// The demo's fake service in this process, behind the queue's service and fetcher protocols.
@Suite struct InProcessFakeTests {
    static let endpoint = try! Endpoint(baseURL: DemoEnvironment.baseURL, dialect: .official)

    private static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "in-process-fake-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private static func network(_ configuration: FakeServiceConfiguration = .init(acceptedKeys: ["k"])) throws
        -> (InProcessFakeService, InProcessResultFetcher, FakeBackend) {
        let backend = FakeBackend(configuration: configuration, resultBaseURL: DemoEnvironment.baseURL)
        return (InProcessFakeService(backend: backend, key: try APIKey("k")), InProcessResultFetcher(backend: backend), backend)
    }

    @Test func anUploadReadFromItsFileReportsProgressAndItsResultIsSavedWithASidecar() async throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/source.png"
        // Padding behind the picture makes the file large enough to be read in slices as it is sent.
        let picture = try SamplePictures.png(width: 50, height: 40, seed: 4)
        try Data(picture + [UInt8](repeating: 0, count: 600_000)).write(to: URL(fileURLWithPath: path))
        let image = try SourceImage.open(path: path)
        #expect(image.bytes == nil)

        let (service, fetcher, backend) = try Self.network()
        let steps = Mutex<[UploadProgress]>([])
        let request = UpscaleRequest(prompt: "a harbour", seed: 3)
        let result = try await service.upscale(image: image, request: request, endpoint: Self.endpoint) { step in
            steps.withLock { $0.append(step) }
        }
        let seen = steps.withLock { $0 }
        #expect(seen.first == .connecting && seen.last == .waitingForAnswer)
        #expect(seen.contains(.uploading(sent: image.byteCount, total: image.byteCount)))
        #expect(seen.count > 4, "sent in slices: \(seen)")
        #expect(backend.receivedRequests().map(\.status) == [200])
        #expect(backend.receivedRequests().first?.imageRequestJSON == request.jsonString())

        let answer = try #require(result.images.first)
        #expect(answer.resolution == "100x80" && answer.seed == 3)
        let url = try #require(answer.url)
        let sidecar = ResultSidecar(sourcePath: path, endpoint: Self.endpoint, request: request, image: answer, index: 0,
                                    created: result.created, submittedAt: Date(), answeredAt: Date())
        let saved = try await fetcher.fetch(url: url, into: dir + "/results", baseName: "source-upscaled", sidecar: sidecar)
        #expect(saved.path == dir + "/results/source-upscaled.png" && saved.format == .png)
        let header = try ImageSniffer.sniff(Array(try Data(contentsOf: URL(fileURLWithPath: saved.path))))
        #expect(header.width == 100 && header.height == 80)
        let sidecarPath = try #require(saved.sidecarPath)
        #expect(FileManager.default.fileExists(atPath: sidecarPath))
    }

    @Test func faultsBecomeTheErrorsTheHTTPClientWouldGive() async throws {
        let (service, _, backend) = try Self.network()
        let image = try SourceImage(path: "icon.png", bytes: .init(bytes: try SamplePictures.png(width: 8, height: 8, seed: 1)))
        backend.enqueueFaults([.rateLimited(retryAfter: 2), .serverError(status: 503), .outOfCredit(reason: "daily_limit"),
                               .malformedBody, .closeMidAnswer, .unsafeImage])
        func attempt() async -> Result<UpscaleResult, UpscaleError> {
            do { return .success(try await service.upscale(image: image, request: UpscaleRequest(), endpoint: Self.endpoint, progress: nil)) } catch {
                return .failure(error)
            }
        }
        guard case .failure(.rateLimited(retryAfter: 2, _)) = await attempt() else { Issue.record("429 expected"); return }
        guard case .failure(.serverError(status: 503, _)) = await attempt() else { Issue.record("503 expected"); return }
        guard case .failure(.outOfCredit(reason: "daily_limit", _)) = await attempt() else { Issue.record("402 expected"); return }
        guard case .failure(.undecodableAnswer) = await attempt() else { Issue.record("an undecodable answer expected"); return }
        guard case .failure(.outcomeUnknown) = await attempt() else { Issue.record("an unknown outcome expected"); return }
        guard case .success(let withheld) = await attempt() else { Issue.record("a withheld image expected"); return }
        #expect(withheld.images.first?.isWithheld == true)
    }

    @Test func aKeyTheServiceDoesNotKnowIsRefused() async throws {
        let backend = FakeBackend(configuration: .init(acceptedKeys: ["other"]), resultBaseURL: DemoEnvironment.baseURL)
        let service = InProcessFakeService(backend: backend, key: try APIKey("k"))
        let image = try SourceImage(path: "icon.png", bytes: .init(bytes: try SamplePictures.png(width: 8, height: 8, seed: 1)))
        do {
            _ = try await service.upscale(image: image, request: UpscaleRequest(), endpoint: Self.endpoint, progress: nil)
            Issue.record("an unknown key was accepted")
        } catch {
            guard case .unauthorized(status: 403, _) = error else { Issue.record("403 expected, got \(error)"); return }
        }
        #expect(backend.receivedRequests().map(\.status) == [403])
    }

    @Test func aURLOfAnotherServiceIsNotFetched() async throws {
        let (_, fetcher, _) = try Self.network()
        await #expect(throws: DownloadError.unsupportedURL("https://example.com/images/x.png")) {
            _ = try await fetcher.fetch(url: "https://example.com/images/x.png", into: NSTemporaryDirectory(), baseName: "x", sidecar: nil)
        }
    }

    @Test func theDemoRemovesItsFolderOnStopUnlessAskedToKeepIt() throws {
        let demo = try DemoEnvironment.start()
        #expect(FileManager.default.fileExists(atPath: demo.samplesFolder))
        demo.stop()
        #expect(!FileManager.default.fileExists(atPath: demo.folder))

        let kept = try DemoEnvironment.start(keepFolder: true)
        kept.stop()
        #expect(FileManager.default.fileExists(atPath: kept.samplesFolder))
        try FileManager.default.removeItem(atPath: kept.folder)
    }
}
