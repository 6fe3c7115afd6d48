import FakeIdeogram
import Foundation
import IdeogramClient
import IdeogramKit
import Testing
@testable import UpscaleQueue

/// The queue with the real client on the official dialect, against the fake's v2 API, on the
/// real clock: polls go out about 1 s apart, as they would in use.
struct LiveGenerationFixture {
    let fake: FakeIdeogramService
    let network: LiveNetwork
    let endpoint: Endpoint
    let folder: TemporaryFolder
    let configuration: QueueConfiguration

    static func make(generation: Duration, maxImagesInFlight: Int = 10) async throws -> LiveGenerationFixture {
        var settings = FakeServiceConfiguration()
        settings.generationDuration = generation
        settings.maxImagesInFlight = maxImagesInFlight
        let fake = FakeIdeogramService(configuration: settings)
        _ = try await fake.start()
        let endpoint = try Endpoint(baseURL: fake.baseURL, dialect: .official)
        let folder = TemporaryFolder()
        return LiveGenerationFixture(
            fake: fake, network: LiveNetwork(credentials: [(endpoint, try APIKey("test-key"))]), endpoint: endpoint, folder: folder,
            configuration: QueueConfiguration(concurrency: 4, upscaleRetry: predictableRetry(base: .milliseconds(200)),
                                              outputDirectory: folder.path + "/out"))
    }

    /// A queue on the fixture's history (the same file every time, as after a restart).
    func openQueue() async throws -> UpscaleQueue {
        try await UpscaleQueue.open(history: try History.open(at: folder.path + "/history.sqlite"), service: network.service,
                                    fetcher: network.downloader, configuration: configuration)
    }

    func submit(_ name: String, to queue: UpscaleQueue, quote: PriceQuote? = nil) async throws -> Job {
        let path = TestImages.write(name, in: folder.path, bytes: try SamplePictures.png(width: 24, height: 16, seed: 1))
        return try await queue.submit(imagePath: path, request: .auto(AutoUpscale()), endpoint: endpoint, quote: quote)
    }

    func finish(_ queue: UpscaleQueue) async {
        await queue.close()
        try? await network.shutdown()
        await fake.stop()
        folder.remove()
    }
}

@Suite("v2 jobs against the fake service")
struct FakeServiceGenerationTests {
    @Test func aGenerationIsSentOnceAsyncPolledAndSavedWithWhatItCost() async throws {
        let f = try await LiveGenerationFixture.make(generation: .milliseconds(1500))
        let queue = try await f.openQueue()
        let job = try await f.submit("a.png", to: queue, quote: PriceQuote(usdMicros: 1, qualifier: .estimate))
        await queue.waitUntilIdle()
        let done = try #require(await queue.job(job.id))
        #expect(done.state == .done)
        let calls = f.fake.receivedV2Calls()
        let posts = calls.filter { $0.kind == .upscale }
        #expect(posts.count == 1)
        #expect(posts.first?.fields["async"] == "true")
        let polls = calls.filter { $0.kind == .poll }
        #expect(polls.map(\.generationStatus) == ["pending", "completed"], "polled at about 1 s, then 2.5 s")
        if let post = posts.first, let first = polls.first {
            #expect(first.receivedAt.timeIntervalSince(post.receivedAt) >= 0.9)
        }
        let record = try #require(f.fake.generationRecords().first)
        #expect(done.generation?.generationID == record.generationID)
        #expect(done.generation?.billedUSDMicros == record.billedUSDMicros, "the poll's usage_cost_usd_micros, not the quote")
        guard case .saved(let file) = done.results.first?.outcome, let sidecarPath = file.sidecarPath else {
            Issue.record("not saved: \(done.results)")
            return await f.finish(queue)
        }
        let bytes = try #require(FileManager.default.contents(atPath: file.path))
        #expect(Array(bytes.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        let sidecar = try JSONDecoder.sidecar.decode(ResultSidecar.self, from: try Data(contentsOf: URL(fileURLWithPath: sidecarPath)))
        #expect(sidecar.generation?.generationID == record.generationID)
        #expect(sidecar.generation?.billedUSDMicros == record.billedUSDMicros)
        await f.finish(queue)
    }

    @Test func aRunStoppedWhilePollingIsFollowedUpByTheNextWithoutASecondPost() async throws {
        let f = try await LiveGenerationFixture.make(generation: .milliseconds(2500))
        let first = try await f.openQueue()
        let job = try await f.submit("a.png", to: first)
        #expect(await eventually { await first.job(job.id)?.state.name == .generating })
        await first.close()

        let second = try await f.openQueue()
        #expect(second.recovery.resumedPolls == [job.id])
        await second.waitUntilIdle()
        let done = try #require(await second.job(job.id))
        #expect(done.state == .done)
        #expect(done.results.first.map { if case .saved = $0.outcome { true } else { false } } == true)
        #expect(f.fake.receivedV2Calls().count { $0.kind == .upscale } == 1)
        #expect(f.fake.generationRecords().count == 1)
        await f.finish(second)
    }

    @Test func theServicesInflightLimitIsLearntAndKept() async throws {
        let f = try await LiveGenerationFixture.make(generation: .milliseconds(1500), maxImagesInFlight: 2)
        let queue = try await f.openQueue()
        var jobs: [Job] = []
        for name in ["a.png", "b.png", "c.png", "d.png"] { jobs.append(try await f.submit(name, to: queue)) }
        await queue.waitUntilIdle()
        for job in jobs { #expect(await queue.job(job.id)?.state == .done) }
        let statuses = f.fake.receivedV2Calls().filter { $0.kind == .upscale }.map(\.status)
        // Only the first burst meets the limit (at most once per job over it: the third job may
        // already go out knowing it); after that the queue stays under it.
        let refused = statuses.count { $0 == 429 }
        #expect((1...2).contains(refused))
        #expect(statuses.count { $0 == 200 } == 4)
        #expect(statuses.count == 4 + refused)
        #expect(await queue.imageLimit == 2)
        await f.finish(queue)
    }

    @Test func aPollAnswered429IsRetriedAfterItsRetryAfter() async throws {
        let f = try await LiveGenerationFixture.make(generation: .zero)
        f.fake.injectPollFaults([.rateLimited(retryAfter: 2)])
        let queue = try await f.openQueue()
        let job = try await f.submit("a.png", to: queue)
        await queue.waitUntilIdle()
        #expect(await queue.job(job.id)?.state == .done)
        let polls = f.fake.receivedV2Calls().filter { $0.kind == .poll }
        #expect(polls.map(\.status) == [429, 200])
        if polls.count == 2 { #expect(polls[1].receivedAt.timeIntervalSince(polls[0].receivedAt) >= 1.9) }
        #expect(f.fake.receivedV2Calls().count { $0.kind == .upscale } == 1)
        await f.finish(queue)
    }
}
