import Foundation
import IdeogramKit
import Testing
@testable import UpscaleQueue

extension QueueFixture {
    /// The holds announced for `id`, in order (nil: a hold ended).
    func announcedHolds(of id: JobID) async -> [SpendingHold?] {
        await log.events.compactMap { event in
            if case .spendingHoldChanged(let job) = event, job.id == id { return .some(job.spendingHold) }
            return nil
        }
    }

    func allDone(_ jobs: [Job]) async -> Bool {
        for job in jobs where await queue.job(job.id)?.state != .done { return false }
        return true
    }
}

@Suite("The daily spending cap")
struct SpendingCapTests {
    @Test func jobsThatFitTheCapAreSent() async throws {
        let f = try await QueueFixture.make(maxSpendUSDMicrosPerDay: 200_000)
        let jobs = [try await f.submitV2("a.png"), try await f.submitV2("b.png")]
        #expect(await f.drive { await f.allDone(jobs) })
        #expect(await f.service.generations.submissions.count == 2)
        for job in jobs { #expect(await f.queue.job(job.id)?.spendingHold == nil) }
        #expect(await f.queue.spending() == SpendingSnapshot(todayUSDMicros: 200_000, legacyEstimateUSDMicros: 0, capUSDMicros: 200_000))
        await f.finish()
    }

    @Test func aJobThatWouldPassTheCapIsHeldWithItsFiguresUntilTheCapIsRaised() async throws {
        let f = try await QueueFixture.make(concurrency: 1, maxSpendUSDMicrosPerDay: 250_000)
        let first = [try await f.submitV2("a.png"), try await f.submitV2("b.png")]
        let third = try await f.submitV2("c.png")
        #expect(await f.drive { await f.allDone(first) })
        #expect(await eventually { await f.queue.job(third.id)?.spendingHold != nil })
        let hold = SpendingHold(todayUSDMicros: 200_000, jobUSDMicros: 100_000, capUSDMicros: 250_000, jobIsEstimate: false)
        #expect(await f.queue.job(third.id)?.spendingHold == hold)
        #expect(hold.description == "held: today $0.20 + this $0.10 would pass the cap $0.25; raise it with --max-spend or max_spend_usd_per_day")
        #expect(await f.queue.job(third.id)?.state == .queued)
        #expect(await f.service.generations.submissions.map(\.fileName) == ["a.png", "b.png"], "nothing sent for c.png")
        #expect(await f.service.generations.quoted.contains("c.png"), "the quote the check needs was asked, free")
        await f.queue.waitUntilIdle()
        #expect(try f.history.job(third.id)?.state == .queued, "stays queued in the history too")

        await f.queue.setSpendingCap(300_000)
        #expect(await f.drive { await f.queue.job(third.id)?.state == .done })
        #expect(await f.queue.job(third.id)?.spendingHold == nil)
        #expect(await f.announcedHolds(of: third.id) == [hold, nil])
        #expect(await f.queue.spending().todayUSDMicros == 300_000)
        await f.finish()
    }

    @Test func liftingTheCapSendsHeldJobs() async throws {
        let f = try await QueueFixture.make(maxSpendUSDMicrosPerDay: 50_000)
        let job = try await f.submitV2("a.png")
        #expect(await eventually { await f.queue.job(job.id)?.spendingHold != nil })
        #expect(await f.queue.job(job.id)?.spendingHold?.todayUSDMicros == 0)
        await f.queue.setSpendingCap(nil)
        #expect(await f.drive { await f.queue.job(job.id)?.state == .done })
        await f.finish()
    }

    @Test func legacyJobsCountAtTheConfiguredPriceAsAnEstimate() async throws {
        let f = try await QueueFixture.make(concurrency: 1, legacyPriceUSDMicros: 60_000, maxSpendUSDMicrosPerDay: 100_000)
        let first = try await f.submit("a.png")
        let second = try await f.submit("b.png", salt: 1)
        #expect(await f.waitFor(first.id, .done))
        #expect(await eventually { await f.queue.job(second.id)?.spendingHold != nil })
        #expect(await f.queue.job(second.id)?.spendingHold
            == SpendingHold(todayUSDMicros: 60_000, jobUSDMicros: 60_000, capUSDMicros: 100_000, jobIsEstimate: true))
        #expect(await f.service.callNames == ["a.png"])
        #expect(await f.queue.spending() == SpendingSnapshot(todayUSDMicros: 60_000, legacyEstimateUSDMicros: 60_000, capUSDMicros: 100_000))
        await f.finish()
    }

    @Test func aLegacyJobCountsEveryImageItAsksFor() async throws {
        let f = try await QueueFixture.make(legacyPriceUSDMicros: 60_000, maxSpendUSDMicrosPerDay: 200_000)
        let job = try await f.submit("a.png", request: UpscaleRequest(numImages: 4))
        #expect(await eventually { await f.queue.job(job.id)?.spendingHold?.jobUSDMicros == 240_000 })
        #expect(await f.service.callNames.isEmpty)
        await f.finish()
    }

    @Test func aGenerationInProgressCountsAtItsQuoteUntilItIsBilled() async throws {
        let f = try await QueueFixture.make(maxSpendUSDMicrosPerDay: 150_000)
        await f.service.script("a.png", polls: .pending, .completed(billed: 20_000))
        let running = try await f.submitV2("a.png")
        #expect(await f.waitFor(running.id, .generating))
        let waiting = try await f.submitV2("b.png")
        #expect(await eventually { await f.queue.job(waiting.id)?.spendingHold != nil })
        #expect(await f.queue.job(waiting.id)?.spendingHold
            == SpendingHold(todayUSDMicros: 100_000, jobUSDMicros: 100_000, capUSDMicros: 150_000, jobIsEstimate: false))
        #expect(await f.queue.spending().todayUSDMicros == 100_000)
        // Billed less than quoted: the held job now fits and goes without anyone raising the cap.
        #expect(await f.drive { await f.allDone([running, waiting]) })
        #expect(await f.service.generations.submissions.map(\.fileName) == ["a.png", "b.png"])
        #expect(await f.queue.spending().todayUSDMicros == 120_000)
        await f.finish()
    }

    @Test func anOutcomeUnknownJobCountsAsMaybeBilled() async throws {
        let f = try await QueueFixture.make(maxSpendUSDMicrosPerDay: 150_000)
        await f.service.script("a.png", .fail(.outcomeUnknown(message: "connection reset")))
        let lost = try await f.submitV2("a.png")
        #expect(await f.waitFor(lost.id, .outcomeUnknown))
        let next = try await f.submitV2("b.png")
        #expect(await eventually { await f.queue.job(next.id)?.spendingHold?.todayUSDMicros == 100_000 })
        await f.finish()
    }
}
