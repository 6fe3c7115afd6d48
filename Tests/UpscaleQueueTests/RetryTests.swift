import Foundation
import IdeogramKit
import Testing
@testable import UpscaleQueue

@Suite("Retries and backoff")
struct RetryTests {
    @Test func a429WaitsForRetryAfterAndHoldsTheQueue() async throws {
        let f = try await QueueFixture.make(concurrency: 1)
        await f.service.script("a.png", .hold(sent: false, then: .fail(.rateLimited(retryAfter: 7, message: "inflight_limit"))))
        let a = try await f.submit("a.png")
        let b = try await f.submit("b.png", salt: 1)
        #expect(await f.waitFor(a.id, .uploading))
        await f.service.release("a.png")
        #expect(await eventually { await f.sleeper.requested == [.seconds(7)] })

        // The slot is free, but a job waits on a 429: nothing new may start.
        try await Task.sleep(for: .milliseconds(50))
        #expect(await f.service.callNames == ["a.png"])
        #expect(await f.state(b.id) == .queued)
        let waiting = try #require(await f.queue.job(a.id))
        #expect(waiting.state == .queued)
        #expect(waiting.retryWait?.delay == .seconds(7))
        #expect(waiting.retryWait?.holdsQueue == true)
        let due = try #require(waiting.retryWait?.dueAt.timeIntervalSinceNow)
        #expect(due > 5 && due <= 7, "the wait's end, for a countdown")
        #expect(try f.history.job(a.id)?.state == .queued, "a crash during the wait leaves the job safely queued")

        await f.sleeper.advance()
        #expect(await f.waitFor(a.id, .done))
        #expect(await f.waitFor(b.id, .done))
        #expect(await f.service.callNames == ["a.png", "a.png", "b.png"], "the waiting job goes first: FIFO")
        let scheduled = await eventually {
            await f.log.events.contains { event in
                if case .retryScheduled(let id, let wait) = event { return id == a.id && wait.nextAttempt == 2 }
                return false
            }
        }
        #expect(scheduled)
        await f.finish()
    }

    @Test func backoffDoublesToTheCapAndStopsAtTheLimit() async throws {
        let f = try await QueueFixture.make(upscaleRetry: predictableRetry(maxAttempts: 4, base: .seconds(1), cap: .seconds(3)),
                                            sleeper: ManualSleeper(instant: true))
        let busy = UpscaleError.rateLimited(retryAfter: nil, message: "inflight_limit")
        await f.service.script("a.png", .fail(busy), .fail(busy), .fail(busy), .fail(busy), .succeed())
        let a = try await f.submit("a.png")
        #expect(await f.waitFor(a.id, .failed))
        #expect(await f.state(a.id) == .failed(busy))
        #expect(await f.sleeper.requested == [.seconds(1), .seconds(2), .seconds(3)])
        #expect(await f.service.calls.count == 4)
        #expect(try f.history.job(a.id)?.state == .failed(busy), "the typed error survives in the history")
        await f.finish()
    }

    @Test func serverErrorsAndEarlyNetworkFailuresRetryWithoutHoldingTheQueue() async throws {
        let f = try await QueueFixture.make(concurrency: 2)
        await f.service.script("a.png", .fail(.serverError(status: 502, message: "bad gateway")), .fail(.network(message: "reset")), .succeed())
        let a = try await f.submit("a.png")
        #expect(await eventually { await f.sleeper.pending == 1 })
        // While a waits out a 5xx, other work goes on.
        let b = try await f.submit("b.png", salt: 1)
        #expect(await f.waitFor(b.id, .done))
        await f.sleeper.advance()
        #expect(await eventually {
            let requested = await f.sleeper.requested.count
            let pending = await f.sleeper.pending
            return requested == 2 && pending == 1
        })
        await f.sleeper.advance()
        #expect(await f.waitFor(a.id, .done))
        #expect(await f.sleeper.requested == [.seconds(1), .seconds(2)])
        #expect(await f.service.callNames.filter { $0 == "a.png" }.count == 3)
        await f.finish()
    }

    @Test func jitterStaysWithinTheCeiling() {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: .milliseconds(500), maxDelay: .seconds(4))
        #expect(policy.ceiling(afterFailedAttempts: 1) == .milliseconds(500))
        #expect(policy.ceiling(afterFailedAttempts: 3) == .seconds(2))
        #expect(policy.ceiling(afterFailedAttempts: 9) == .seconds(4))
        for failures in 1...9 {
            let delay = policy.delay(afterFailedAttempts: failures)
            #expect(delay >= .zero && delay <= policy.ceiling(afterFailedAttempts: failures))
        }
        #expect(policy.delay(afterFailedAttempts: 5, retryAfterSeconds: 12) == .seconds(12))
        #expect(policy.delay(afterFailedAttempts: 1, retryAfterSeconds: 100_000) == policy.maxRetryAfter)
        #expect(policy.allowsAnotherAttempt(after: 9) && !policy.allowsAnotherAttempt(after: 10))
    }
}

@Suite("Failures that are not retried")
struct TerminalFailureTests {
    @Test func anUnknownOutcomeIsNeverResentAutomatically() async throws {
        let f = try await QueueFixture.make()
        await f.service.script("a.png", .fail(.outcomeUnknown(message: "the answer was cut off")))
        let a = try await f.submit("a.png")
        #expect(await f.waitFor(a.id, .outcomeUnknown))
        await f.queue.waitUntilIdle()
        #expect(await f.service.calls.count == 1)
        #expect(await f.sleeper.requested.isEmpty)
        // The user's explicit retry is the consent it needs.
        try await f.queue.retry(a.id)
        #expect(await f.waitFor(a.id, .done))
        #expect(await f.service.calls.count == 2)
        await f.finish()
    }

    @Test func aSafetyRejectionFailsAtOnce() async throws {
        let f = try await QueueFixture.make()
        await f.service.script("a.png", .fail(.rejectedBySafety(message: "prompt flagged")))
        let a = try await f.submit("a.png")
        #expect(await f.waitFor(a.id, .rejected))
        #expect(await f.state(a.id) == .rejected(message: "prompt flagged"))
        #expect(try f.history.job(a.id)?.state == .rejected(message: "prompt flagged"))
        await f.queue.waitUntilIdle()
        #expect(await f.service.calls.count == 1)
        await f.finish()
    }

    @Test func badRequestsAndUnreadableAnswersFailAtOnce() async throws {
        let f = try await QueueFixture.make()
        await f.service.script("a.png", .fail(.badRequest(message: "bad image")))
        await f.service.script("b.png", .fail(.undecodableAnswer(message: "not JSON")))
        let a = try await f.submit("a.png")
        let b = try await f.submit("b.png", salt: 1)
        await f.queue.waitUntilIdle()
        #expect(await f.state(a.id) == .failed(.badRequest(message: "bad image")))
        #expect(await f.state(b.id) == .failed(.undecodableAnswer(message: "not JSON")))
        #expect(await f.service.calls.count == 2)
        await f.finish()
    }

    @Test func resubmittingARejectedJobSendsTheChangedRequest() async throws {
        let f = try await QueueFixture.make()
        await f.service.script("a.png", .fail(.rejectedBySafety(message: "prompt flagged")))
        let a = try await f.submit("a.png", request: UpscaleRequest(prompt: "bad words"))
        #expect(await f.waitFor(a.id, .rejected))
        let b = try await f.queue.resubmit(a.id, with: UpscaleRequest(prompt: "kind words"))
        #expect(await f.waitFor(b.id, .done))
        #expect(await f.service.calls.last?.request.prompt == "kind words")
        #expect(b.sourcePath == a.sourcePath)
        #expect(await f.state(a.id) == .rejected(message: "prompt flagged"))
        await f.finish()
    }
}

@Suite("Pausing on credentials and credit")
struct PauseTests {
    @Test func outOfCreditPausesTheWholeQueueUntilResumed() async throws {
        let f = try await QueueFixture.make(concurrency: 1)
        let broke = UpscaleError.outOfCredit(reason: "insufficient_funds", message: "no credit")
        await f.service.script("a.png", .fail(broke))
        let a = try await f.submit("a.png")
        let b = try await f.submit("b.png", salt: 1)
        #expect(await eventually { await f.queue.pauseReason == .outOfCredit(broke) })
        await f.queue.waitUntilIdle()
        #expect(await f.state(a.id) == .queued, "the refused job waits for the user, unbilled")
        #expect(await f.state(b.id) == .queued)
        #expect(await f.service.callNames == ["a.png"])

        await f.queue.resume()
        #expect(await f.waitFor(a.id, .done))
        #expect(await f.waitFor(b.id, .done))
        #expect(await f.service.callNames == ["a.png", "a.png", "b.png"])
        let paused = await eventually {
            await f.log.events.contains { if case .paused(.outOfCredit) = $0 { return true }; return false }
        }
        #expect(paused)
        await f.finish()
    }

    @Test func aRefusedKeyPausesWithTheReason() async throws {
        let f = try await QueueFixture.make()
        let refused = UpscaleError.unauthorized(status: 403, message: "forbidden")
        await f.service.script("a.png", .fail(refused))
        let a = try await f.submit("a.png")
        #expect(await eventually { await f.queue.pauseReason == .unauthorized(refused) })
        #expect(await f.state(a.id) == .queued)
        await f.finish()
    }

    @Test func theUserCanPauseAndResume() async throws {
        let f = try await QueueFixture.make()
        await f.queue.pause()
        let a = try await f.submit("a.png")
        await f.queue.waitUntilIdle()
        #expect(await f.service.calls.isEmpty)
        await f.queue.resume()
        #expect(await f.waitFor(a.id, .done))
        await f.finish()
    }
}
