import Foundation
import IdeogramClient
import IdeogramKit
import Testing
@testable import UpscaleQueue

/// Writes jobs into a history as a run that died mid-way would have left them.
struct AbandonedRun {
    static let deadSession = "dead-session"
    let history: History
    let folder: TemporaryFolder

    func plant(_ name: String, in state: JobState, answer: UpscaleResult? = nil) throws -> Job {
        let path = TestImages.write(name, in: folder.path)
        var job = Job(id: .make(), sourcePath: path, imageDigest: Job.hexDigest(of: TestImages.png()), request: UpscaleRequest(),
                      endpoint: testEndpoint, outputDirectory: folder.path + "/out", submittedAt: Date())
        job = try history.insert(job, owner: Self.deadSession)
        job.state = state
        if let answer {
            job.answer = answer
            job.results = answer.images.enumerated().map { JobResult(index: $0.offset, image: $0.element) }
        }
        try history.save(job, owner: Self.deadSession, logTransition: true)
        return job
    }
}

@Suite("Restart recovery")
struct RecoveryTests {
    @Test func unfinishedJobsOfADeadRunAreSettledTruthfully() async throws {
        let folder = TemporaryFolder()
        let run = AbandonedRun(history: try History.open(at: folder.path + "/history.sqlite"), folder: folder)
        let uploading = try run.plant("up.png", in: .uploading)
        let waiting = try run.plant("wait.png", in: .waitingForAnswer)
        let answer = UpscaleResult(created: nil, images: [
            UpscaledImage(seed: 5, prompt: "p", resolution: "10x10", url: "https://results.test/dl.png", isImageSafe: true),
            UpscaledImage(seed: 5, prompt: "p", resolution: "10x10", url: nil, isImageSafe: false),
        ])
        let downloading = try run.plant("dl.png", in: .downloading, answer: answer)
        let queued = try run.plant("q.png", in: .queued)
        let finished = try run.plant("old.png", in: .done)

        let f = try await QueueFixture.make(folder: folder)
        let report = f.queue.recovery
        #expect(Set(report.outcomeUnknown) == [uploading.id, waiting.id])
        #expect(report.resumedDownloads == [downloading.id])
        #expect(report.heldQueued == [queued.id])

        // In flight when the run died: may have been billed, so never resent.
        for id in [uploading.id, waiting.id] {
            #expect(try f.history.job(id)?.state == .outcomeUnknown(message: History.interruptedMessage))
        }
        // Had its answer: the download resumes by itself, withheld stays withheld.
        #expect(await f.waitFor(downloading.id, .done))
        let results = try #require(await f.queue.job(downloading.id)?.results)
        if case .saved(let file) = results[0].outcome {
            #expect(FileManager.default.fileExists(atPath: file.path))
            #expect(file.sidecarPath.map { FileManager.default.fileExists(atPath: $0) } == true)
        } else {
            Issue.record("the recovered download was not saved")
        }
        #expect(results[1].outcome == .withheld)
        #expect(try f.history.job(finished.id)?.state == .done)

        // Queued: stays queued until the user resumes.
        await f.queue.waitUntilIdle()
        #expect(await f.service.calls.isEmpty)
        #expect(await f.queue.job(queued.id)?.isHeld == true)
        await f.queue.resumeRecovered()
        #expect(await f.waitFor(queued.id, .done))
        #expect(await f.service.callNames == ["q.png"])
        await f.finish()
    }

    /// A first run whose queue is closed while `a.png`'s result is being downloaded.
    private func runClosedMidDownload(in folder: TemporaryFolder) async throws -> (QueueFixture, Job) {
        let first = try await QueueFixture.make(folder: folder)
        await first.fetcher.hold(matching: "a.png")
        let a = try await first.submit("a.png")
        #expect(await first.waitFor(a.id, .downloading))
        await first.queue.close()
        return (first, a)
    }

    @Test func closingMidDownloadLeavesItDueForTheNextRun() async throws {
        let folder = TemporaryFolder()
        let (first, a) = try await runClosedMidDownload(in: folder)
        #expect(try first.history.job(a.id)?.state == .downloading)

        let second = try await QueueFixture.make(folder: folder)
        #expect(second.queue.recovery.resumedDownloads == [a.id])
        #expect(await second.waitFor(a.id, .done))
        #expect(await second.service.calls.isEmpty, "the answer is known: nothing is sent again")
        first.log.stop()
        await second.finish()
    }

    @Test func aResultSavedButNotRecordedIsAdoptedNotFetchedAgain() async throws {
        let folder = TemporaryFolder()
        let (first, a) = try await runClosedMidDownload(in: folder)
        let stored = try #require(try first.history.job(a.id))
        let image = try #require(stored.answer?.images.first)

        // What a run that died after writing the file, before recording it, leaves behind.
        let base = OutputLocation.resultBaseName(sourcePath: stored.sourcePath, seed: image.seed, index: 0, count: 1)
        try FileManager.default.createDirectory(atPath: first.outputPath, withIntermediateDirectories: true)
        let path = first.outputPath + "/" + base + ".png"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(TestImages.png())))
        let sidecar = ResultSidecar(sourcePath: stored.sourcePath, endpoint: stored.endpoint, request: stored.request, image: image,
                                    index: 0, created: nil, submittedAt: Date(), answeredAt: Date())
        #expect(FileManager.default.createFile(atPath: path + ".json", contents: sidecar.encoded()))

        let second = try await QueueFixture.make(folder: folder)
        #expect(await second.waitFor(a.id, .done))
        #expect(await second.fetcher.calls.isEmpty, "the saved file is taken, not downloaded again as a -2 copy")
        guard case .saved(let file) = try second.history.job(a.id)?.results.first?.outcome else {
            Issue.record("the result is not recorded as saved")
            return
        }
        #expect(file.path == path)
        #expect(file.sidecarPath == path + ".json")
        #expect(!FileManager.default.fileExists(atPath: first.outputPath + "/" + base + "-2.png"))
        first.log.stop()
        await second.finish()
    }

    @Test func closingWhileSendingRecordsWhatMayHaveBeenBilled() async throws {
        let f = try await QueueFixture.make(concurrency: 2)
        await f.service.script("a.png", .hold(sent: true, then: .succeed()))
        await f.service.script("b.png", .hold(sent: false, then: .succeed()))
        let a = try await f.submit("a.png")
        let b = try await f.submit("b.png", salt: 1)
        let c = try await f.submit("c.png", salt: 2)
        #expect(await f.waitFor(a.id, .waitingForAnswer))
        #expect(await f.waitFor(b.id, .uploading))
        await f.queue.close()
        #expect(try f.history.job(a.id)?.state.name == .outcomeUnknown)
        #expect(try f.history.job(b.id)?.state == .cancelled)
        #expect(try f.history.job(c.id)?.state == .queued, "it had no slot yet, and stays queued for the next run")
        f.log.stop()
        f.folder.remove()
    }
}
