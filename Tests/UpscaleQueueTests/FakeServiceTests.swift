import FakeIdeogram
import Foundation
import IdeogramClient
import IdeogramKit
import Testing
@testable import UpscaleQueue

/// The queue with the real client and downloader, against the fake service on loopback.
struct LiveFixture {
    let fake: FakeIdeogramService
    let network: LiveNetwork
    let endpoint: Endpoint
    let folder: TemporaryFolder
    let history: History
    let queue: UpscaleQueue
    let sleeper: ManualSleeper

    static func make(
        _ configuration: FakeServiceConfiguration = FakeServiceConfiguration(),
        key: String = "test-key",
        concurrency: Int = 4,
        downloadDelay: Duration? = nil
    ) async throws -> LiveFixture {
        let fake = FakeIdeogramService(configuration: configuration)
        _ = try await fake.start()
        let endpoint = try Endpoint(baseURL: fake.baseURL, dialect: .aggregator)
        let network = LiveNetwork(credentials: [(endpoint, try APIKey(key))])
        let folder = TemporaryFolder()
        let history = try History.open(at: folder.path + "/history.sqlite")
        let sleeper = ManualSleeper(instant: true)
        let fetcher: any ResultFetching = downloadDelay.map { DelayedFetcher(inner: network.downloader, delay: $0) } ?? network.downloader
        let queue = try await UpscaleQueue.open(
            history: history, service: network.service, fetcher: fetcher,
            configuration: QueueConfiguration(concurrency: concurrency, upscaleRetry: predictableRetry(), outputDirectory: folder.path + "/out"),
            sleeper: sleeper)
        return LiveFixture(fake: fake, network: network, endpoint: endpoint, folder: folder, history: history, queue: queue, sleeper: sleeper)
    }

    func submit(_ name: String, request: UpscaleRequest = UpscaleRequest(), seed: UInt64 = 1) async throws -> Job {
        let path = TestImages.write(name, in: folder.path, bytes: try SamplePictures.png(width: 24, height: 16, seed: seed))
        return try await queue.submit(imagePath: path, request: request, endpoint: endpoint)
    }

    func finish() async {
        await queue.close()
        try? await network.shutdown()
        await fake.stop()
        folder.remove()
    }
}

/// Waits before each download, so a short-lived URL expires first.
struct DelayedFetcher: ResultFetching {
    let inner: any ResultFetching
    let delay: Duration

    func fetch(url: String, into directory: String, baseName: String, sidecar: ResultSidecar?) async throws(DownloadError) -> DownloadedFile {
        do { try await Task.sleep(for: delay) } catch { throw .cancelled }
        return try await inner.fetch(url: url, into: directory, baseName: baseName, sidecar: sidecar)
    }
}

@Suite("Against the fake service")
struct FakeServiceTests {
    @Test func resultsAreSavedAsRealImagesWithSidecars() async throws {
        let f = try await LiveFixture.make()
        let single = try await f.submit("one.png", request: UpscaleRequest(seed: 3))
        let double = try await f.submit("two.png", request: UpscaleRequest(numImages: 2), seed: 2)
        await f.queue.waitUntilIdle()
        for id in [single.id, double.id] {
            let job = try #require(await f.queue.job(id))
            #expect(job.state == .done)
            for result in job.results {
                guard case .saved(let file) = result.outcome else { Issue.record("\(result.outcome)"); continue }
                let bytes = try #require(FileManager.default.contents(atPath: file.path))
                #expect(Array(bytes.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
                #expect(file.sidecarPath.map { FileManager.default.fileExists(atPath: $0) } == true)
            }
        }
        #expect(await f.queue.job(single.id)?.results.first.map { result -> Bool in
            if case .saved(let file) = result.outcome { return file.path.hasSuffix("/one-upscaled-3.png") }
            return false
        } == true)
        #expect(await f.queue.job(double.id)?.results.count == 2)
        #expect(f.fake.receivedRequests().count == 2)
        await f.finish()
    }

    @Test func retryAfterFromTheServiceIsHonoured() async throws {
        let f = try await LiveFixture.make()
        f.fake.injectFaults([.rateLimited(retryAfter: 2), .serverError(status: 503)])
        let job = try await f.submit("a.png")
        await f.queue.waitUntilIdle()
        #expect(await f.queue.job(job.id)?.state == .done)
        #expect(await f.sleeper.requested.first == .seconds(2))
        #expect(await f.sleeper.requested.count == 2)
        #expect(f.fake.receivedRequests().map(\.status) == [429, 503, 200])
        await f.finish()
    }

    @Test func outOfCreditPausesTheQueue() async throws {
        let f = try await LiveFixture.make()
        f.fake.injectFaults([.outOfCredit(reason: "daily_limit")])
        let job = try await f.submit("a.png")
        await f.queue.waitUntilIdle()
        guard case .outOfCredit(.outOfCredit(let reason, _)) = await f.queue.pauseReason else {
            Issue.record("not paused for credit: \(String(describing: await f.queue.pauseReason))"); return
        }
        #expect(reason == "daily_limit")
        #expect(await f.queue.job(job.id)?.state == .queued)
        await f.queue.resume()
        await f.queue.waitUntilIdle()
        #expect(await f.queue.job(job.id)?.state == .done)
        await f.finish()
    }

    @Test func aWrongKeyPausesTheQueue() async throws {
        let f = try await LiveFixture.make(key: "wrong-key")
        _ = try await f.submit("a.png")
        await f.queue.waitUntilIdle()
        guard case .unauthorized(.unauthorized(let status, _)) = await f.queue.pauseReason else {
            Issue.record("not paused for the key"); return
        }
        #expect(status == 401 || status == 403)
        await f.finish()
    }

    @Test func safetyRejectionsAndWithheldImages() async throws {
        let f = try await LiveFixture.make(concurrency: 1)
        f.fake.injectFaults([.safetyRejected, .unsafeImage])
        let rejected = try await f.submit("a.png")
        let withheld = try await f.submit("b.png", seed: 2)
        await f.queue.waitUntilIdle()
        #expect(await f.queue.job(rejected.id)?.state.name == .rejected)
        let job = try #require(await f.queue.job(withheld.id))
        #expect(job.state == .done)
        #expect(job.results.allSatisfy { $0.outcome == .withheld })
        #expect(f.fake.receivedRequests().count == 2)
        await f.finish()
    }

    @Test func aCutAnswerIsAnUnknownOutcomeAndIsNotResent() async throws {
        let f = try await LiveFixture.make()
        f.fake.injectFaults([.closeMidAnswer])
        let job = try await f.submit("a.png")
        await f.queue.waitUntilIdle()
        #expect(await f.queue.job(job.id)?.state.name == .outcomeUnknown)
        #expect(f.fake.receivedRequests().count == 1)
        await f.finish()
    }

    @Test func anExpiredURLIsReportedAsExpired() async throws {
        let f = try await LiveFixture.make(FakeServiceConfiguration(urlLifetime: .milliseconds(30)), downloadDelay: .milliseconds(150))
        let job = try await f.submit("a.png")
        await f.queue.waitUntilIdle()
        #expect(await f.queue.job(job.id)?.state == .done)
        #expect(await f.queue.job(job.id)?.results.first?.outcome == .expired(status: 410))
        await f.finish()
    }

    @Test func cancellingWhileTheAnswerIsAwaitedIsAnUnknownOutcome() async throws {
        let f = try await LiveFixture.make(FakeServiceConfiguration(latency: .milliseconds(800)))
        let job = try await f.submit("a.png")
        #expect(await eventually { await f.queue.job(job.id)?.state == .waitingForAnswer })
        try await f.queue.cancel(job.id)
        #expect(await eventually { await f.queue.job(job.id)?.state.name == .outcomeUnknown })
        await f.finish()
    }

    @Test func theImageLimitKeepsTheServiceFromRefusing() async throws {
        let f = try await LiveFixture.make(FakeServiceConfiguration(latency: .milliseconds(60)), concurrency: 4)
        var ids: [JobID] = []
        for index in 0..<6 {
            ids.append(try await f.submit("j\(index).png", request: UpscaleRequest(numImages: 4), seed: UInt64(index + 1)).id)
        }
        await f.queue.waitUntilIdle()
        #expect(f.fake.receivedRequests().allSatisfy { $0.status == 200 }, "no 429: at most 8 of 10 images in flight")
        for id in ids { #expect(await f.queue.job(id)?.state == .done) }
        await f.finish()
    }
}
