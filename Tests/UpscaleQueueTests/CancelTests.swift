import Foundation
import IdeogramKit
import Testing
@testable import UpscaleQueue

@Suite("Cancelling and removing")
struct CancelTests {
    @Test func aQueuedJobIsCancelledAtOnceAndNeverSent() async throws {
        let f = try await QueueFixture.make(concurrency: 1)
        await f.service.script("a.png", .hold(sent: false, then: .succeed()))
        let a = try await f.submit("a.png")
        let b = try await f.submit("b.png", salt: 1)
        #expect(await f.waitFor(a.id, .uploading))
        try await f.queue.cancel(b.id)
        #expect(await f.state(b.id) == .cancelled)
        #expect(try f.history.job(b.id)?.state == .cancelled)
        await f.service.release("a.png")
        #expect(await f.waitFor(a.id, .done))
        await f.queue.waitUntilIdle()
        #expect(await f.service.callNames == ["a.png"])
        await f.finish()
    }

    @Test func cancellingBeforeTheBodyWasSentIsACleanCancel() async throws {
        let f = try await QueueFixture.make()
        await f.service.script("a.png", .hold(sent: false, then: .succeed()))
        let a = try await f.submit("a.png")
        #expect(await f.waitFor(a.id, .uploading))
        try await f.queue.cancel(a.id)
        #expect(await f.waitFor(a.id, .cancelled))
        await f.finish()
    }

    @Test func cancellingAfterTheBodyWasSentIsAnUnknownOutcome() async throws {
        let f = try await QueueFixture.make()
        await f.service.script("a.png", .hold(sent: true, then: .succeed()))
        let a = try await f.submit("a.png")
        #expect(await f.waitFor(a.id, .waitingForAnswer))
        try await f.queue.cancel(a.id)
        #expect(await f.waitFor(a.id, .outcomeUnknown))
        await f.queue.waitUntilIdle()
        #expect(await f.service.calls.count == 1, "never resent by itself")
        await f.finish()
    }

    @Test func cancellingDuringARetryWaitStopsIt() async throws {
        let f = try await QueueFixture.make()
        await f.service.script("a.png", .fail(.serverError(status: 503, message: "down")))
        let a = try await f.submit("a.png")
        #expect(await eventually { await f.sleeper.pending == 1 })
        try await f.queue.cancel(a.id)
        #expect(await f.state(a.id) == .cancelled)
        await f.sleeper.advance()
        await f.queue.waitUntilIdle()
        #expect(await f.service.calls.count == 1)
        await f.finish()
    }

    @Test func cancellingADownloadKeepsTheAnswerForLater() async throws {
        let f = try await QueueFixture.make()
        await f.fetcher.hold(matching: "a.png")
        let a = try await f.submit("a.png")
        #expect(await f.waitFor(a.id, .downloading))
        try await f.queue.cancel(a.id)
        #expect(await f.waitFor(a.id, .cancelled))
        #expect(await f.queue.job(a.id)?.results.first?.outcome == .pending)
        await f.fetcher.release()
        try await f.queue.retry(a.id)
        #expect(await f.waitFor(a.id, .done))
        #expect(await f.service.calls.count == 1, "the retry downloads, it does not upscale again")
        await f.finish()
    }

    @Test func removeDropsQueuedJobsButRefusesActiveOnes() async throws {
        let f = try await QueueFixture.make(concurrency: 1)
        await f.service.script("a.png", .hold(sent: false, then: .succeed()))
        let a = try await f.submit("a.png")
        let b = try await f.submit("b.png", salt: 1)
        #expect(await f.waitFor(a.id, .uploading))
        await #expect(throws: QueueError.jobIsActive(a.id)) { try await f.queue.remove(a.id) }
        try await f.queue.remove(b.id)
        #expect(await f.queue.snapshot().map(\.id) == [a.id])
        #expect(try f.history.job(b.id)?.state == .cancelled, "the history keeps it")
        await f.service.release("a.png")
        #expect(await f.waitFor(a.id, .done))
        await f.finish()
    }
}

@Suite("Concurrency limits")
struct ConcurrencyTests {
    @Test func requestsInFlightStayWithinTheConcurrencyInFIFOOrder() async throws {
        let f = try await QueueFixture.make(concurrency: 3)
        var ids: [JobID] = []
        for index in 0..<9 {
            await f.service.script("j\(index).png", .hold(sent: true, then: .succeed()))
            ids.append(try await f.submit("j\(index).png", salt: UInt8(index)).id)
        }
        for index in 0..<9 {
            #expect(await eventually { await f.service.callNames.contains("j\(index).png") })
            await f.service.release("j\(index).png")
        }
        await f.queue.waitUntilIdle()
        #expect(await f.service.maxRequestsAtOnce == 3)
        // FIFO is the order jobs start in; jobs started together (up to the concurrency) read their
        // files off the actor at once, so they may reach the service in either order.
        let calls = await f.service.callNames
        #expect(calls.sorted() == (0..<9).map { "j\($0).png" })
        for (position, name) in calls.enumerated() {
            let index = Int(name.dropFirst().prefix { $0.isNumber }) ?? -99
            #expect(abs(index - position) < 3, "\(name) came at position \(position): \(calls)")
        }
        for id in ids { #expect(await f.state(id) == .done) }
        await f.finish()
    }

    @Test func imagesInFlightNeverExceedTheServiceLimit() async throws {
        let f = try await QueueFixture.make(concurrency: 4)
        for index in 0..<5 {
            await f.service.script("j\(index).png", .hold(sent: true, then: .succeed(images: 4)))
            try await f.submit("j\(index).png", request: UpscaleRequest(numImages: 4), salt: UInt8(index))
        }
        for index in 0..<5 {
            #expect(await eventually { await f.service.callNames.contains("j\(index).png") })
            try await Task.sleep(for: .milliseconds(5))
            await f.service.release("j\(index).png")
        }
        await f.queue.waitUntilIdle()
        #expect(await f.service.maxImagesAtOnce == 8, "4+4 fit in 10, a third 4 does not")
        #expect(await f.service.maxRequestsAtOnce == 2)
        await f.finish()
    }

    @Test func configuredLimitsAreClampedToTheService() {
        let configuration = QueueConfiguration(concurrency: 50, maxImagesInFlight: 64, outputDirectory: "/tmp")
        #expect(configuration.effectiveImageLimit == 10)
        #expect(configuration.effectiveConcurrency == 10)
        #expect(QueueConfiguration(concurrency: 0, outputDirectory: "/tmp").effectiveConcurrency == 1)
    }
}
