import Foundation
import IdeogramKit
import Testing
@testable import UpscaleQueue

@Suite("A job from submission to saved results")
struct QueueFlowTests {
    @Test func aJobIsSentDownloadedAndRecorded() async throws {
        let f = try await QueueFixture.make()
        let job = try await f.submit("beach.png", request: UpscaleRequest(seed: 7))
        #expect(await f.waitFor(job.id, .done))

        let done = try #require(await f.queue.job(job.id))
        #expect(done.results.count == 1)
        guard case .saved(let file) = done.results[0].outcome else { Issue.record("not saved: \(done.results[0].outcome)"); return }
        #expect(file.path == f.outputPath + "/beach-upscaled-7.png")
        #expect(file.sidecarPath == file.path + ".json")
        #expect(FileManager.default.fileExists(atPath: file.path))
        let sidecar = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file.sidecarPath!))) as? [String: Any]
        #expect(sidecar?["seed"] as? Int == 7)
        #expect(sidecar?["source_path"] as? String == job.sourcePath)

        #expect(await eventually { await f.log.states(of: job.id) == [.uploading, .waitingForAnswer, .downloading, .done] })
        let stored = try f.history.transitions(of: job.id).map(\.state)
        #expect(stored == [.queued, .uploading, .waitingForAnswer, .downloading, .done])
        let reread = try #require(try f.history.job(job.id))
        #expect(reread.state == .done)
        #expect(reread.results == done.results)
        #expect(reread.answer == done.answer)
        await f.finish()
    }

    /// `--out rel` then `cd elsewhere && upscale --resume` must still save into the first `rel`.
    @Test func pathsAreRecordedAbsolute() async throws {
        let f = try await QueueFixture.make()
        let path = TestImages.write("rel.png", in: f.folder.path)
        await f.queue.pause()  // nothing is sent, so nothing is written under the relative folder
        let job = try await f.queue.submit(imagePath: path, request: UpscaleRequest(), endpoint: testEndpoint, outputDirectory: "relative/out")
        let stored = try #require(try f.history.job(job.id))
        #expect(stored.outputDirectory == FileManager.default.currentDirectoryPath + "/relative/out")
        #expect(stored.sourcePath.hasPrefix("/"))
        await f.finish()
    }

    @Test func aQueueKeepingURLsOnlyLeavesResultsForRetryToFetch() async throws {
        let f = try await QueueFixture.make(savesResults: false)
        let job = try await f.submit("url.png", request: UpscaleRequest(seed: 8))
        #expect(await f.waitFor(job.id, .done))
        #expect(await f.queue.job(job.id)?.results.map(\.outcome) == [.pending])
        #expect(await f.fetcher.calls.isEmpty)
        try await f.queue.retry(job.id)
        #expect(await eventually {
            if case .saved = await f.queue.job(job.id)?.results.first?.outcome { return true }
            return false
        })
        #expect(await f.fetcher.calls.count == 1)
        await f.finish()
    }

    @Test func severalImagesGetNumberedNames() async throws {
        let f = try await QueueFixture.make()
        let job = try await f.submit("pier.webp.png", request: UpscaleRequest(numImages: 3, seed: 9))
        #expect(await f.waitFor(job.id, .done))
        let paths = await f.queue.job(job.id)?.results.compactMap { result -> String? in
            if case .saved(let file) = result.outcome { return file.path }
            return nil
        }
        #expect(paths == (1...3).map { f.outputPath + "/pier.webp-upscaled-9-\($0).png" })
        await f.finish()
    }

    @Test func withheldResultsAreRecordedNotDownloaded() async throws {
        let f = try await QueueFixture.make()
        await f.service.script("safe.png", .succeed(images: 2, withheld: [1]))
        let job = try await f.submit("safe.png", request: UpscaleRequest(numImages: 2))
        #expect(await f.waitFor(job.id, .done))
        let results = try #require(await f.queue.job(job.id)?.results)
        #expect(results[1].outcome == .withheld)
        #expect(results[1].url == nil)
        if case .saved = results[0].outcome {} else { Issue.record("the safe image was not saved") }
        #expect(await f.fetcher.calls.count == 1)
        #expect(try f.history.job(job.id)?.results[1].outcome == .withheld)
        await f.finish()
    }

    @Test func anExpiredURLIsReportedAsExpired() async throws {
        let f = try await QueueFixture.make()
        await f.fetcher.fail(matching: "late.png", .expired(status: 410))
        let job = try await f.submit("late.png")
        #expect(await f.waitFor(job.id, .done))
        #expect(await f.queue.job(job.id)?.results.first?.outcome == .expired(status: 410))
        #expect(await f.fetcher.calls.count == 1, "an expired URL is not retried")
        #expect(try f.history.job(job.id)?.results.first?.outcome == .expired(status: 410))
        await f.finish()
    }

    @Test func aFailingDownloadIsRetriedThenGivenUp() async throws {
        let f = try await QueueFixture.make(sleeper: ManualSleeper(instant: true))
        await f.fetcher.fail(matching: "flaky.png", .network("reset"), .httpStatus(503))
        await f.fetcher.fail(matching: "broken.png", .network("reset"), .network("reset"), .network("reset"))
        let flaky = try await f.submit("flaky.png")
        let broken = try await f.submit("broken.png", salt: 1)
        #expect(await f.waitFor(flaky.id, .done))
        #expect(await f.waitFor(broken.id, .done))
        if case .saved = await f.queue.job(flaky.id)?.results.first?.outcome {} else { Issue.record("flaky result not saved") }
        guard case .downloadFailed = await f.queue.job(broken.id)?.results.first?.outcome else {
            Issue.record("the broken download should fail after 3 attempts"); return
        }
        #expect(await f.fetcher.calls.filter { $0.contains("broken") }.count == 3)
        // The user can try the download again; the request is not sent again.
        let callsBefore = await f.service.calls.count
        try await f.queue.retry(broken.id)
        #expect(await f.waitFor(broken.id, .done))
        if case .saved = await f.queue.job(broken.id)?.results.first?.outcome {} else { Issue.record("retry did not save") }
        #expect(await f.service.calls.count == callsBefore)
        await f.finish()
    }

    @Test func invalidInputIsRefusedAtSubmission() async throws {
        let f = try await QueueFixture.make()
        await #expect(throws: SubmitError.self) {
            try await f.submit("x.png", request: UpscaleRequest(resemblance: 0))
        }
        let missing = f.folder.path + "/missing.png"
        do {
            _ = try await f.queue.submit(imagePath: missing, request: UpscaleRequest(), endpoint: testEndpoint)
            Issue.record("a missing file was accepted")
        } catch {
            #expect(error == .invalidImage(.notFound(path: missing)))
        }
        #expect(await f.queue.snapshot().isEmpty)
        await f.finish()
    }

    @Test func onlyFixedSeedRequestsHashTheirImage() async throws {
        let f = try await QueueFixture.make()
        let random = try await f.submit("r.png")
        let fixed = try await f.submit("f.png", request: UpscaleRequest(seed: 5), salt: 3)
        #expect(random.imageDigest.isEmpty, "a random seed is never a repeat: nothing to fingerprint")
        #expect(fixed.imageDigest == Job.hexDigest(of: TestImages.png(salt: 3)))
        #expect(try f.history.job(fixed.id)?.imageDigest == fixed.imageDigest)
        #expect(await f.waitFor(random.id, .done))
        #expect(await f.waitFor(fixed.id, .done))
        await f.finish()
    }

    @Test func everySubscriberGetsItsOwnStream() async throws {
        let f = try await QueueFixture.make()
        let second = EventLog(await f.queue.events())
        let job = try await f.submit("two.png")
        #expect(await f.waitFor(job.id, .done))
        #expect(await eventually { await second.states(of: job.id).last == .done })
        #expect(await eventually { await f.log.states(of: job.id) == second.states(of: job.id) })
        second.stop()
        await f.finish()
    }
}
