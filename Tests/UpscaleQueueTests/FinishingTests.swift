import Foundation
import IdeogramKit
import Testing
@testable import UpscaleQueue

/// The first quit: paid requests are seen through, nothing new is sent.
@Suite("Finishing what was sent")
struct FinishingTests {
    @Test func sentRequestsAreAnsweredAndSavedWhileQueuedOnesWait() async throws {
        let f = try await QueueFixture.make(concurrency: 1)
        await f.service.script("a.png", .hold(sent: true, then: .succeed()))
        let a = try await f.submit("a.png")
        let b = try await f.submit("b.png", salt: 1)
        #expect(await f.waitFor(a.id, .waitingForAnswer))
        #expect(await f.queue.sentInFlight == 1)

        let finishing = Task { await f.queue.finishSentWork() }
        try await Task.sleep(for: .milliseconds(50))
        await f.service.release("a.png")
        await finishing.value

        #expect(await f.state(a.id) == .done)
        #expect(try f.history.job(a.id)?.results.first.map { if case .saved = $0.outcome { true } else { false } } == true)
        #expect(await f.state(b.id) == .queued)
        #expect(await f.service.callNames == ["a.png"])
        #expect(await f.queue.sentInFlight == 0)
        await f.finish()
    }

    @Test func aRetryWaitingWhenFinishingStaysQueuedAndIsNotSent() async throws {
        let f = try await QueueFixture.make()
        await f.service.script("a.png", .fail(.serverError(status: 503, message: "busy")))
        let a = try await f.submit("a.png")
        #expect(await eventually { await f.queue.job(a.id)?.retryWait != nil })
        await f.queue.finishSentWork()
        #expect(await f.state(a.id) == .queued)
        #expect(await f.service.callNames == ["a.png"])
        await f.finish()
    }
}

@Suite("Repeats found before asking")
struct DuplicateCheckTests {
    @Test func onlyAFixedSeedAlreadyDoneIsARepeat() async throws {
        let f = try await QueueFixture.make()
        let done = try await f.submit("a.png", request: UpscaleRequest(seed: 3))
        #expect(await f.waitFor(done.id, .done))
        let other = TestImages.write("b.png", in: f.folder.path, bytes: TestImages.png(salt: 9))
        let repeats = await f.queue.earlierJobs(repeatedBy: [done.sourcePath, other], request: UpscaleRequest(seed: 3))
        #expect(repeats.keys.sorted() == [done.sourcePath])
        #expect(repeats[done.sourcePath]?.id == done.id)
        #expect(await f.queue.earlierJobs(repeatedBy: [done.sourcePath], request: UpscaleRequest(seed: 4)).isEmpty)
        #expect(await f.queue.earlierJobs(repeatedBy: [done.sourcePath], request: UpscaleRequest()).isEmpty)
        await f.finish()
    }
}
