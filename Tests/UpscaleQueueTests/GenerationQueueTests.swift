import Foundation
import GRDB
import IdeogramClient
import IdeogramKit
import Testing
@testable import UpscaleQueue

extension QueueFixture {
    /// Writes an image and submits it as a v2 job.
    @discardableResult
    func submitV2(_ name: String, request: V2Request = .auto(AutoUpscale()), quote: PriceQuote? = nil) async throws -> Job {
        let path = TestImages.write(name, in: folder.path)
        return try await queue.submit(imagePath: path, request: request, endpoint: testEndpoint, quote: quote)
    }

    /// Ends every wait requested so far and waits until the queue has handled that: a new wait
    /// is requested, or `settled` holds (there may be nothing left to poll).
    func tick(until settled: @escaping () async -> Bool) async {
        let before = await sleeper.requested.count
        await sleeper.advance()
        _ = await eventually {
            if await sleeper.requested.count > before { return true }
            return await settled()
        }
    }

    /// Advances the clock until `condition` holds.
    func drive(until condition: @escaping () async -> Bool) async -> Bool {
        await eventually {
            await sleeper.advance()
            return await condition()
        }
    }
}

let sampleQuote = PriceQuote(usdMicros: 125_830, qualifier: .exact)

@Suite("v2 jobs: sent once with async=true, then polled")
struct GenerationQueueTests {
    @Test func anAcceptedGenerationIsRecordedThenPolledToCompletionAndSavedWithItsSidecar() async throws {
        let f = try await QueueFixture.make()
        await f.service.script("a.png", polls: .pending, .completed(billed: 120_000))
        let request = try V2Request(model: .topazStandard2, values: [.upscaleFactor: .choice("x4"), .denoise: .decimal(0.35)])
        let job = try await f.submitV2("a.png", request: request, quote: sampleQuote)
        #expect(await f.waitFor(job.id, .generating))
        // Durably recorded, from the history itself, before any poll.
        let stored = try #require(try f.history.job(job.id))
        #expect(stored.state == .generating(generationID: "gen-a.png-1"))
        #expect(stored.generation?.generationID == "gen-a.png-1")
        #expect(stored.generation?.request == request)
        #expect(stored.generation?.quote == sampleQuote)

        #expect(await f.drive { await f.queue.job(job.id)?.state == .done })
        let done = try #require(try f.history.job(job.id))
        #expect(done.generation?.billedUSDMicros == 120_000)
        #expect(await f.service.generations.submissions.count == 1)
        #expect(await f.service.generations.polls(of: "a.png") == 2)
        guard case .saved(let file) = done.results.first?.outcome, let sidecarPath = file.sidecarPath else {
            Issue.record("not saved: \(done.results)")
            return await f.finish()
        }
        let sidecar = try JSONDecoder.sidecar.decode(ResultSidecar.self, from: try Data(contentsOf: URL(fileURLWithPath: sidecarPath)))
        let generation = try #require(sidecar.generation)
        #expect(generation.model == .topazStandard2)
        #expect(generation.fields == ["upscale_factor": "x4", "denoise": "0.35"])
        #expect(generation.generationID == "gen-a.png-1")
        #expect(generation.quote == sampleQuote)
        #expect(generation.billedUSDMicros == 120_000)
        #expect(sidecar.endpoint.hasSuffix("/v2/image/upscale/topaz-standard-2"))
        await f.finish()
    }

    @Test func aCompletedGenerationWithoutAnAmountIsBilledItsQuote() async throws {
        let f = try await QueueFixture.make()
        let job = try await f.submitV2("a.png", quote: sampleQuote)
        #expect(await f.drive { await f.queue.job(job.id)?.state == .done })
        #expect(try f.history.job(job.id)?.generation?.billedUSDMicros == sampleQuote.usdMicros)
        await f.finish()
    }

    @Test func aFailedGenerationEndsWithItsReasonNotBilled() async throws {
        let f = try await QueueFixture.make()
        await f.service.script("a.png", polls: .failed(reason: "content_policy_violation"))
        let job = try await f.submitV2("a.png", quote: sampleQuote)
        #expect(await f.drive { await f.queue.job(job.id)?.state.isFinished == true })
        let stored = try #require(try f.history.job(job.id))
        #expect(stored.state == .failed(.generationFailed(reason: "content_policy_violation")))
        #expect(stored.generation?.billedUSDMicros == 0)
        #expect(await f.fetcher.calls.isEmpty)
        #expect(await f.service.generations.submissions.count == 1, "never sent again")
        await f.finish()
    }

    @Test func aWithheldImageEndsTheJobWithheldAndBilled() async throws {
        let f = try await QueueFixture.make()
        await f.service.script("a.png", polls: .completed(images: 1, withheld: [0]))
        let job = try await f.submitV2("a.png", quote: sampleQuote)
        #expect(await f.drive { await f.queue.job(job.id)?.state == .done })
        let stored = try #require(try f.history.job(job.id))
        #expect(stored.results.map(\.outcome) == [.withheld])
        #expect(stored.generation?.billedUSDMicros == sampleQuote.usdMicros)
        #expect(await f.fetcher.calls.isEmpty)
        await f.finish()
    }

    @Test func aRefusedPostIsNotBilledAndNeverPolled() async throws {
        let f = try await QueueFixture.make()
        await f.service.script("a.png", .fail(.badRequest(message: "too big")))
        let job = try await f.submitV2("a.png")
        #expect(await f.waitFor(job.id, .failed))
        #expect(try f.history.job(job.id)?.generation?.billedUSDMicros == 0)
        #expect(await f.service.generations.polled.isEmpty)
        await f.finish()
    }

    @Test func aPostWhoseAnswerIsLostIsOutcomeUnknownAndNeverPolled() async throws {
        let f = try await QueueFixture.make()
        await f.service.script("a.png", .fail(.outcomeUnknown(message: "connection reset")))
        let job = try await f.submitV2("a.png")
        #expect(await f.waitFor(job.id, .outcomeUnknown))
        #expect(try f.history.job(job.id)?.generation?.billedUSDMicros == nil, "may have been billed: not known")
        #expect(await f.service.generations.polled.isEmpty)
        await f.finish()
    }

    @Test func pollsStartAfterOneSecondAndBackOffByHalfAgainToTenSeconds() async throws {
        let f = try await QueueFixture.make()
        await f.service.script("a.png", polls: .pending, .pending, .pending, .pending, .pending, .pending, .completed())
        let job = try await f.submitV2("a.png")
        #expect(await f.drive { await f.queue.job(job.id)?.state == .done })
        #expect(await f.service.generations.polls(of: "a.png") == 7)
        // The wait before each poll: its own, not a shared tick.
        #expect(await f.sleeper.requested == [1, 1.5, 2.25, 3.375, 5.0625, 7.59375, 10].map { Duration.seconds($0) })
        await f.finish()
    }

    @Test func aPollAnswered429WaitsItsRetryAfter() async throws {
        let f = try await QueueFixture.make()
        await f.service.script("a.png", polls: .fail(.rateLimited(retryAfter: 5, message: "over 1000 polls")), .completed())
        let job = try await f.submitV2("a.png")
        #expect(await f.drive { await f.queue.job(job.id)?.state == .done })
        #expect(await f.service.generations.polls(of: "a.png") == 2)
        #expect(await f.sleeper.requested == [.seconds(1), .seconds(5)], "the first poll's wait, then the Retry-After")
        #expect(await f.service.generations.submissions.count == 1)
        await f.finish()
    }

    @Test func aPollsRetryAfterDaysAheadIsCutToTheLongestWaitHonoured() async throws {
        let f = try await QueueFixture.make()
        await f.service.script("a.png", polls: .fail(.rateLimited(retryAfter: 3 * 86_400, message: "come back in three days")), .completed())
        let job = try await f.submitV2("a.png")
        #expect(await f.drive { await f.queue.job(job.id)?.state == .done })
        #expect(await f.sleeper.requested == [.seconds(1), RetryPolicy.upscale.maxRetryAfter])
        await f.finish()
    }

    @Test func anAcceptedGenerationIsPolledAgainAfterARestartAndNeverResent() async throws {
        let folder = TemporaryFolder()
        let service = ScriptedService()
        await service.script("a.png", polls: .pending, .pending, .completed())
        let first = try await QueueFixture.make(folder: folder, service: service)
        let job = try await first.submitV2("a.png")
        #expect(await first.waitFor(job.id, .generating))
        #expect(await eventually { await first.sleeper.requested.count >= 1 })
        await first.tick { false }
        #expect(await service.generations.polls(of: "a.png") == 1)
        // The run ends while the generation is pending: it stays `generating` in the history.
        await first.queue.close()
        first.log.stop()
        #expect(try first.history.job(job.id)?.state == .generating(generationID: "gen-a.png-1"))

        let second = try await QueueFixture.make(folder: folder, service: service)
        #expect(second.queue.recovery.resumedPolls == [job.id])
        // Polled at once: it has been running all along.
        #expect(await eventually { await service.generations.polls(of: "a.png") == 2 })
        #expect(await second.drive { await second.queue.job(job.id)?.state == .done })
        #expect(await service.generations.submissions.count == 1)
        #expect(await service.generations.polls(of: "a.png") == 3)
        #expect(await second.queue.job(job.id)?.results.first.map { if case .saved = $0.outcome { true } else { false } } == true)
        await second.finish()
    }

    @Test func an429InflightLimitLowersTheImagesKeptInProgressForTheRun() async throws {
        let f = try await QueueFixture.make(concurrency: 4, maxImagesInFlight: 10)
        await f.service.script("a.png", .fail(.inflightLimit(maxInflightImages: 2, retryAfter: 1, message: "too many")))
        let first = try await f.submitV2("a.png")
        #expect(await eventually { await f.queue.job(first.id)?.retryWait != nil })
        var jobs = [first]
        for name in ["b.png", "c.png", "d.png", "e.png"] {
            await f.service.script(name, polls: .pending, .pending, .completed())
            jobs.append(try await f.submitV2(name))
        }
        #expect(await f.drive {
            var all = true
            for job in jobs where await f.queue.job(job.id)?.state != .done { all = false }
            return all
        })
        // From the 429 on, never more than two images between POST and completion.
        #expect(await f.service.generations.maxImages <= 2)
        #expect(await f.service.generations.submissions.count == 6, "a twice, the others once")
        await f.finish()
    }
}

@Suite("v2 jobs in the history")
struct GenerationHistoryTests {
    /// A history from before v2 jobs gains the columns; its jobs read as legacy ones.
    @Test func anOlderHistoryIsMigratedAndItsJobsStayLegacy() async throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/history.sqlite"
        do {
            let old = try DatabaseQueue(path: path)
            try HistorySchema.migrator.migrate(old, upTo: "v2-times-as-milliseconds")
            try await old.write { db in
                try db.execute(sql: """
                    INSERT INTO job (id, source_path, image_digest, request_json, endpoint_json, output_dir, state,
                        attempts, submitted_at, updated_at)
                    VALUES ('j1', '/x.png', 'd', '{}', ?, '/tmp', 'done', 1, 1796068747123, 1796068748000)
                    """, arguments: [StoredJSON.encode(testEndpoint)])
            }
        }
        let f = try await QueueFixture.make(folder: folder)
        let legacy = try #require(try f.history.job(JobID(rawValue: "j1")))
        #expect(legacy.generation == nil)
        #expect(legacy.state == .done)

        let quote = PriceQuote(usdMicros: 250_000, qualifier: .estimate, upperBoundUSDMicros: 400_000)
        let request = try V2Request(model: .topazBloom2, values: [.prompt: .text("a lighthouse"), .creativity: .integer(4)])
        let job = try await f.submitV2("a.png", request: request, quote: quote)
        #expect(await f.drive { await f.queue.job(job.id)?.state == .done })
        let row = try #require(try f.history.database.read { db in
            try Row.fetchOne(db, sql: """
                SELECT v2_model, v2_request_json, generation_id, quote_usd_micros, quote_qualifier, quote_upper_bound_usd_micros,
                    billed_usd_micros FROM job WHERE id = ?
                """, arguments: [job.id.rawValue])
        })
        #expect(row["v2_model"] as String? == "topaz-bloom-2")
        #expect(row["generation_id"] as String? == "gen-a.png-1")
        #expect(row["quote_usd_micros"] as Int64? == 250_000)
        #expect(row["quote_qualifier"] as String? == "estimate")
        #expect(row["quote_upper_bound_usd_micros"] as Int64? == 400_000)
        #expect(row["billed_usd_micros"] as Int64? == 250_000)
        let stored = try #require(try f.history.job(job.id))
        #expect(stored.generation?.request == request)
        #expect(stored.generation?.quote == quote)
        await f.finish()
    }
}

extension JSONDecoder {
    static var sidecar: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
