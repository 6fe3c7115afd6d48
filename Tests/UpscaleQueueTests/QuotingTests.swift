import Foundation
import IdeogramKit
import Testing
@testable import UpscaleQueue

@Suite("v2 jobs are quoted before they are sent")
struct QuotingTests {
    @Test func aJobWithoutAQuoteIsQuotedFirstAndTheQuoteIsRecorded() async throws {
        let f = try await QueueFixture.make()
        await f.service.generations.setQuotePrice(123_456)
        let job = try await f.submitV2("a.png")
        #expect(job.generation?.quote == nil)
        #expect(await f.drive { await f.queue.job(job.id)?.state == .done })
        let stored = try #require(try f.history.job(job.id))
        #expect(stored.generation?.quote == PriceQuote(usdMicros: 123_456, qualifier: .exact))
        #expect(stored.generation?.billedUSDMicros == 123_456, "no amount in the poll: billed the quote")
        #expect(await f.service.generations.quoted == ["a.png"])
        #expect(await f.service.generations.submissions.count == 1)
        await f.finish()
    }

    @Test func theQuoteIsRecordedBeforeTheJobIsSent() async throws {
        let f = try await QueueFixture.make()
        await f.service.script("a.png", .hold(sent: false, then: .succeed()))
        let job = try await f.submitV2("a.png")
        #expect(await f.waitFor(job.id, .uploading))
        #expect(try f.history.job(job.id)?.generation?.quote?.usdMicros == 100_000)
        await f.service.release("a.png")
        #expect(await f.waitFor(job.id, .generating))
        await f.finish()
    }

    @Test func aQuoteGivenAtSubmissionIsNotAskedAgain() async throws {
        let f = try await QueueFixture.make()
        let job = try await f.submitV2("a.png", quote: sampleQuote)
        #expect(await f.drive { await f.queue.job(job.id)?.state == .done })
        #expect(await f.service.generations.quoted.isEmpty)
        #expect(try f.history.job(job.id)?.generation?.quote == sampleQuote)
        await f.finish()
    }

    @Test func aRefusedQuoteFailsTheJobWithItsErrorAndNothingIsSent() async throws {
        let f = try await QueueFixture.make()
        await f.service.generations.failQuotes(of: "a.png", with: [.badRequest(message: "output over 8192 pixels")])
        let job = try await f.submitV2("a.png")
        #expect(await f.waitFor(job.id, .failed))
        let stored = try #require(try f.history.job(job.id))
        #expect(stored.state == .failed(.badRequest(message: "output over 8192 pixels")))
        #expect(stored.generation?.billedUSDMicros == 0)
        #expect(stored.attempts == 0 && stored.sentAt == nil)
        #expect(await f.service.generations.submissions.isEmpty)
        await f.finish()
    }

    @Test func aTransientQuoteFailureIsRetriedThenTheJobIsSent() async throws {
        let f = try await QueueFixture.make()
        await f.service.generations.failQuotes(of: "a.png", with: [.serverError(status: 503, message: "busy")])
        let job = try await f.submitV2("a.png")
        #expect(await eventually { await f.queue.job(job.id)?.retryWait?.reason == .serverError(status: 503, message: "busy") })
        #expect(await f.service.generations.submissions.isEmpty)
        #expect(await f.drive { await f.queue.job(job.id)?.state == .done })
        #expect(await f.service.generations.quoted == ["a.png", "a.png"])
        #expect(await f.service.generations.submissions.count == 1)
        await f.finish()
    }

    @Test func aRefusedKeyOnAQuotePausesTheQueueWithTheJobQueued() async throws {
        let f = try await QueueFixture.make()
        await f.service.generations.failQuotes(of: "a.png", with: [.unauthorized(status: 401, message: "bad key")])
        let job = try await f.submitV2("a.png")
        #expect(await eventually { await f.queue.pauseReason == .unauthorized(.unauthorized(status: 401, message: "bad key")) })
        #expect(await f.queue.job(job.id)?.state == .queued)
        #expect(await f.service.generations.submissions.isEmpty)
        await f.queue.resume()
        #expect(await f.drive { await f.queue.job(job.id)?.state == .done })
        #expect(await f.service.generations.quoted == ["a.png", "a.png"])
        await f.finish()
    }

    @Test func aLostQuoteAnswerIsNotMayHaveBeenBilled() {
        let lost = UpscaleQueue.quoteError(.outcomeUnknown(message: "connection reset"))
        #expect(!lost.mayHaveBeenBilled && lost.isRetryable)
        #expect(!UpscaleQueue.quoteError(.undecodableAnswer(message: "not JSON")).mayHaveBeenBilled)
        #expect(UpscaleQueue.quoteError(.badRequest(message: "no")) == .badRequest(message: "no"))
    }
}
