import FakeIdeogramCore
import Foundation
import AppLoop
import IdeogramClient
import IdeogramKit
import TerminalUI
import Testing
import UpscaleQueue
@testable import IdeogramApp

/// The adapter between the queue and the UI, against the demo's fake service in this process.
/// Opens a queue on the demo's history and the in-process fake, as a UI run does, and the
/// control the UI drives it through.
func openQueue(on demo: DemoEnvironment, configure: (inout QueueConfiguration) -> Void = { _ in }) async throws
    -> (UpscaleQueue, QueueJobControl) {
    var configuration = QueueConfiguration()
    configuration.outputDirectory = demo.outputDirectory
    configure(&configuration)
    let queue = try await UpscaleQueue.open(history: try History.open(at: demo.historyPath), service: demo.service,
                                            fetcher: demo.fetcher, configuration: configuration)
    return (queue, QueueJobControl(queue: queue, endpoint: demo.endpoint, outputDirectory: demo.outputDirectory))
}

@Suite struct QueueJobControlTests {
    /// A file refused on the way (cut short after it was marked) does not stop the batch: the
    /// others are queued and every refusal is reported.
    @Test func aRefusedFileDoesNotStopTheRestOfTheBatch() async throws {
        let root = NSTemporaryDirectory() + "control-\(UUID().uuidString)"
        let demo = try DemoEnvironment.start(workFolder: root)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (queue, control) = try await openQueue(on: demo)
        await queue.pause()  // nothing needs to be sent for this
        let whole = demo.samplesFolder + "/tiny-icon.png"
        let cut = root + "/cut.png"
        try Data(try Data(contentsOf: URL(fileURLWithPath: whole)).prefix(100)).write(to: URL(fileURLWithPath: cut))
        do {
            try await control.submit([JobSubmission(sourcePath: cut, request: UpscaleRequest()),
                                      JobSubmission(sourcePath: whole, request: UpscaleRequest())])
            Issue.record("the cut file was not reported")
        } catch let note as SubmissionNote {
            #expect(note.text.contains("cut.png: PNG is truncated"))
        }
        #expect(await queue.snapshot().map(\.sourcePath) == [whole])
        await queue.close()
    }

    @Test func submissionsBecomeRowsThatFinish() async throws {
        let root = NSTemporaryDirectory() + "control-\(UUID().uuidString)"
        let demo = try DemoEnvironment.start(workFolder: root)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (queue, control) = try await openQueue(on: demo)
        demo.backend.enqueueFaults([.delay(.zero)])

        let updates = control.updates()
        let source = demo.samplesFolder + "/tiny-icon.png"
        try await control.submit([JobSubmission(sourcePath: source, request: UpscaleRequest(prompt: "x", seed: 5))])
        var finished: JobRow?
        for await view in updates {
            if let row = view.jobs.first, !row.state.isInFlight {
                finished = row
                break
            }
        }
        #expect(finished?.state == .done, "\(String(describing: finished))")
        #expect(finished?.sourceName == "tiny-icon.png" && finished?.seed == 5 && finished?.resultResolution == "192x192")
        #expect(finished?.localFile?.hasPrefix(demo.outputDirectory) == true)
        #expect(finished?.billedImages == 1)

        // The same image, request and fixed seed again is not sent without consent.
        await #expect(throws: SubmissionNote.self) {
            try await control.submit([JobSubmission(sourcePath: source, request: UpscaleRequest(prompt: "x", seed: 5))])
        }
        await queue.close()
    }

    /// A 402 pauses the queue with the service's reason, the job waits queued, and resuming
    /// (after credit was added) sends it.
    @Test func outOfCreditPausesWithTheReasonAndResumingSendsTheHeldJob() async throws {
        let root = NSTemporaryDirectory() + "control-\(UUID().uuidString)"
        let demo = try DemoEnvironment.start(workFolder: root)
        defer { demo.stop() }
        let (queue, control) = try await openQueue(on: demo)
        demo.backend.enqueueFaults([.outOfCredit(reason: "insufficient_funds")])

        var updates = control.updates().makeAsyncIterator()
        try await control.submit([JobSubmission(sourcePath: demo.samplesFolder + "/tiny-icon.png", request: UpscaleRequest(prompt: "x"))])
        var paused: QueueView?
        while paused == nil, let view = await updates.next() {
            if view.pause != nil { paused = view }
        }
        #expect(paused?.pause == QueuePause(reason: "out of credit (insufficient_funds)"))
        #expect(paused?.jobs.first?.state == .queued)

        await control.resume()
        var finished: JobRow?
        while finished == nil, let view = await updates.next() {
            if view.pause == nil, let row = view.jobs.first, !row.state.isInFlight { finished = row }
        }
        #expect(finished?.state == .done)
        await queue.close()
    }

    /// A withheld image and a retry wait reach the row as themselves: the image's outcome, and
    /// the attempt, cause and due time the row counts down to (not an error text).
    @Test func withheldImagesAndRetryWaitsReachTheRows() async throws {
        let root = NSTemporaryDirectory() + "control-\(UUID().uuidString)"
        let demo = try DemoEnvironment.start(workFolder: root)
        defer { demo.stop() }
        let (queue, control) = try await openQueue(on: demo) {
            $0.upscaleRetry = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(300), maxDelay: .milliseconds(300), jitter: { $0 })
        }
        demo.backend.enqueueFaults([.serverError(status: 503), .unsafeImage])

        var updates = control.updates().makeAsyncIterator()
        let submitted = Date()
        try await control.submit([JobSubmission(sourcePath: demo.samplesFolder + "/tiny-icon.png", request: UpscaleRequest(prompt: "x"))])
        var waiting: JobRow?
        var finished: JobRow?
        while finished == nil, let view = await updates.next() {
            guard let row = view.jobs.first else { continue }
            if row.retry != nil, waiting == nil { waiting = row }
            if !row.state.isInFlight { finished = row }
        }
        let retry = try #require(waiting?.retry)
        #expect(retry.attempt == 2 && retry.cause == "503")
        #expect(retry.dueAt > submitted && retry.dueAt.timeIntervalSince(submitted) < 5)
        #expect(waiting?.state == .queued && waiting?.errorText == nil, "the wait is counted down, not told as an error")

        #expect(finished?.state == .done && finished?.retry == nil)
        #expect(finished?.images.map(\.outcome) == [.withheld])
        #expect(finished?.withheldImages == 1 && finished?.billedImages == 1)
        await queue.close()
    }
}

@Suite struct JobRowMappingTests {
    @Test func everyQueueStateHasItsRowState() {
        let pairs: [(JobState, JobRowState)] = [
            (.queued, .queued), (.uploading, .uploading), (.waitingForAnswer, .waitingForAnswer), (.downloading, .downloading),
            (.done, .done), (.failed(.network(message: "x")), .failed), (.rejected(message: "x"), .rejected),
            (.cancelled, .cancelled), (.outcomeUnknown(message: "x"), .outcomeUnknown),
            (.generating(generationID: "g"), .generating),
        ]
        for (queueState, rowState) in pairs { #expect(JobRowMapping.state(queueState) == rowState) }
        #expect(Set(pairs.map(\.1)) == Set(JobRowState.allCases))
    }

    @Test func aPauseSaysWhyInAFewWords() {
        #expect(JobRowMapping.pause(.outOfCredit(.outOfCredit(reason: "daily_limit", message: "limit"))).reason == "out of credit (daily_limit)")
        #expect(JobRowMapping.pause(.unauthorized(.unauthorized(status: 401, message: "no API key is configured for X"))).reason
            == "API key refused (401): no API key is configured for X")
        #expect(JobRowMapping.pause(.user).reason == "by you")
    }
}

/// Issue 14: a relaunched UI reaches the jobs of earlier runs.
@Suite struct QueueJobControlHistoryTests {
    @Test func anEarlierRunIsPagedFromTheHistoryAndItsJobsActedOn() async throws {
        let demo = try DemoEnvironment.start(workFolder: NSTemporaryDirectory() + "control-\(UUID().uuidString)")
        defer { demo.stop() }
        let icon = demo.samplesFolder + "/tiny-icon.png"
        let forest = demo.samplesFolder + "/forest-path.png"

        // The earlier run: three jobs, all done.
        let (first, earlier) = try await openQueue(on: demo)
        var updates = earlier.updates().makeAsyncIterator()
        for seed in 1...3 { try await earlier.submit([JobSubmission(sourcePath: icon, request: UpscaleRequest(seed: seed))]) }
        while let view = await updates.next(), !(view.jobs.count == 3 && view.jobs.allSatisfy { $0.state == .done }) {}
        await first.close()

        // The next run starts with an empty queue and reads the history a page at a time.
        let (queue, control) = try await openQueue(on: demo)
        let page = try await control.history(olderThan: nil, limit: 2)
        #expect(page.rows.map(\.request.seed) == [3, 2], "newest first")
        let next = try #require(page.next)
        let rest = try await control.history(olderThan: next, limit: 2)
        #expect(rest.rows.map(\.request.seed) == [1] && rest.next == nil)
        #expect(rest.rows.first?.state == .done && rest.rows.first?.localFile != nil)

        // Repeats of those jobs are found before asking; another image is not one.
        let repeats = await control.repeats(among: [JobSubmission(sourcePath: icon, request: UpscaleRequest(seed: 2)),
                                                    JobSubmission(sourcePath: forest, request: UpscaleRequest(seed: 2))])
        #expect(repeats == [icon])

        // `r` on a job of the earlier run sends it again (the queue adopts it from the history).
        try await control.resubmit(try #require(rest.rows.first).id)
        await queue.waitUntilIdle()
        #expect(await queue.snapshot().filter { $0.request.seed == 1 && $0.state == .done }.count == 2)
        await queue.close()
    }

    /// A job left queued by a run that quit shows as held in the next run, and R sends it.
    @Test func aJobLeftQueuedIsHeldNextRunUntilSent() async throws {
        let demo = try DemoEnvironment.start(workFolder: NSTemporaryDirectory() + "control-\(UUID().uuidString)")
        defer { demo.stop() }
        let (first, earlier) = try await openQueue(on: demo)
        await earlier.pause()
        try await earlier.submit([JobSubmission(sourcePath: demo.samplesFolder + "/tiny-icon.png", request: UpscaleRequest())])
        await first.finishSentWork()
        await first.close()

        let (queue, control) = try await openQueue(on: demo)
        var updates = control.updates().makeAsyncIterator()
        let row = try #require(await updates.next()?.jobs.first)
        #expect(row.state == .queued && row.isHeld)
        #expect(row.errorText == "queued by an earlier run and not sent: R sends it")
        try await control.retry(row.id)
        while let view = await updates.next(), view.jobs.first?.state != .done {}
        await queue.close()
    }
}
