import FakeIdeogram
import Foundation
import IdeogramKit
import Testing
@testable import UpscaleQueue

/// The queue with a head start for its first upload, against the fake service.
@Suite("Head start")
struct HeadStartServiceTests {
    struct Setup {
        let fake: FakeIdeogramService
        let network: LiveNetwork
        let endpoint: Endpoint
        let folder: TemporaryFolder
        let image: String

        static func make() async throws -> Setup {
            let fake = FakeIdeogramService(configuration: FakeServiceConfiguration())
            _ = try await fake.start()
            let endpoint = try Endpoint(baseURL: fake.baseURL, dialect: .official)
            let network = LiveNetwork(credentials: [(endpoint, try APIKey("test-key"))])
            let folder = TemporaryFolder()
            let image = TestImages.write("first.png", in: folder.path, bytes: try SamplePictures.png(width: 300, height: 200, seed: 4))
            return Setup(fake: fake, network: network, endpoint: endpoint, folder: folder, image: image)
        }

        func queue(_ service: HeadStartService) async throws -> UpscaleQueue {
            let history = try History.open(at: folder.path + "/history.sqlite")
            return try await UpscaleQueue.open(
                history: history, service: service, fetcher: network.downloader,
                configuration: QueueConfiguration(concurrency: 2, upscaleRetry: predictableRetry(), outputDirectory: folder.path + "/out"),
                sleeper: ManualSleeper(instant: true))
        }

        func finish() async {
            try? await network.shutdown()
            await fake.stop()
            folder.remove()
        }

        /// The request JSON of every request whose image reached the fake. A head start
        /// abandoned after its head shows as a request with none (the client went away); one
        /// abandoned sooner does not show at all.
        func uploads() -> [String] {
            fake.receivedRequests().filter { $0.imageBytes > 0 }.map(\.imageRequestJSON)
        }
    }

    @Test func theQueuesFirstSendOfThatFileUsesTheHeadStart() async throws {
        let s = try await Setup.make()
        let request = UpscaleRequest(prompt: "pier")
        let headStart = try #require(HeadStartService.begin(file: s.image, request: request, endpoint: s.endpoint, network: s.network,
                                                            maxBytes: SourceImage.defaultMaxBytes))
        // Anything not handed to the head start would go to this service (and not reach the fake).
        let otherwise = ScriptedService()
        let queue = try await s.queue(HeadStartService(otherwise, headStart: headStart))
        let job = try await queue.submit(imagePath: s.image, request: request, endpoint: s.endpoint)
        await queue.waitUntilIdle()
        #expect(await queue.job(job.id)?.state == .done)
        #expect(await otherwise.calls.isEmpty, "the head start took the job's upload")
        #expect(try await headStart.send(progress: nil) == nil, "once only")
        await queue.close()
        #expect(s.fake.receivedRequests().map(\.status) == [200], "one request: the head start's")
        #expect(s.uploads() == [request.jsonString()])
        await s.finish()
    }

    @Test func aHeadStartForAnotherRequestIsClosedUnsentAndTheJobGoesAsUsual() async throws {
        let s = try await Setup.make()
        let headStart = try #require(HeadStartService.begin(file: s.image, request: UpscaleRequest(prompt: "old"), endpoint: s.endpoint,
                                                            network: s.network, maxBytes: SourceImage.defaultMaxBytes))
        let queue = try await s.queue(HeadStartService(s.network.service, headStart: headStart))
        let job = try await queue.submit(imagePath: s.image, request: UpscaleRequest(prompt: "new"), endpoint: s.endpoint)
        await queue.waitUntilIdle()
        #expect(await queue.job(job.id)?.state == .done)
        #expect(try await headStart.send(progress: nil) == nil, "abandoned")
        #expect(s.uploads() == [UpscaleRequest(prompt: "new").jsonString()], "only the job's own request carried the image")
        await queue.close()
        await s.finish()
    }

    @Test func anUnusedHeadStartIsClosedUnsent() async throws {
        let s = try await Setup.make()
        let headStart = HeadStartService.begin(file: s.image, request: UpscaleRequest(), endpoint: s.endpoint, network: s.network,
                                               maxBytes: SourceImage.defaultMaxBytes)
        let service = HeadStartService(s.network.service, headStart: headStart)
        service.abandonUnused()
        #expect(try await headStart?.send(progress: nil) == nil)
        // Whatever reached the fake (nothing, or a head the client then left) carried no image.
        try await Task.sleep(for: .milliseconds(300))
        #expect(s.uploads().isEmpty)
        #expect(s.fake.receivedRequests().allSatisfy { $0.status != 200 })
        await s.finish()
    }

    @Test func noHeadStartForAFileTheQueueWouldRefuse() async throws {
        let s = try await Setup.make()
        let text = TestImages.write("notes.png", in: s.folder.path, bytes: Array("not a picture".utf8))
        #expect(HeadStartService.begin(file: text, request: UpscaleRequest(), endpoint: s.endpoint, network: s.network,
                                       maxBytes: SourceImage.defaultMaxBytes) == nil)
        let elsewhere = try Endpoint(baseURL: "http://127.0.0.1:9", dialect: .official)
        #expect(HeadStartService.begin(file: s.image, request: UpscaleRequest(), endpoint: elsewhere, network: s.network,
                                       maxBytes: SourceImage.defaultMaxBytes) == nil, "no key for that endpoint")
        await s.finish()
    }
}
