import FakeIdeogram
import Foundation
import Testing

/// Generations: accepted at once with `async=true`, pending for the configured duration, then
/// completed (billed, even withheld) or failed (not billed); polls and their faults.
@Suite("v2 generations")
struct V2GenerationTests {
    private static func configuration(generation: Duration) -> FakeServiceConfiguration {
        var configuration = FakeServiceConfiguration()
        configuration.generationDuration = generation
        return configuration
    }

    private static let async = MultipartBody.v2(fields: [("async", "true"), ("upscale_factor", "x2"), ("seed", "42")])

    @Test func anAsyncGenerationIsPendingThenCompletedWithAFetchablePicture() async throws {
        try await withFakeService(Self.configuration(generation: .milliseconds(600))) { service async throws in
            let started = ContinuousClock.now
            let accepted = try await HTTP.v2Upscale(service, model: "topaz-text-refine", Self.async)
            #expect(ContinuousClock.now - started < .milliseconds(600), "accepted at once")
            #expect(accepted.status == 200, "\(accepted.text)")
            #expect(accepted.json["seed"] as? Int == 42)
            #expect(accepted.json["width"] as? Int == 128)
            #expect(accepted.json["height"] as? Int == 96)
            #expect(accepted.json["data"] == nil)
            let id = accepted.generationID
            #expect(id.count == 22)

            let pending = try await HTTP.poll(service, id)
            #expect(pending.status == 200)
            #expect(pending.json["status"] as? String == "pending")
            #expect(pending.json["generation_id"] as? String == id)
            #expect(pending.json["created"] is String)
            #expect(pending.json["data"] == nil)
            #expect(service.generationRecords().first?.billedUSDMicros == 0)

            try await Task.sleep(for: .milliseconds(700))
            let done = try await HTTP.poll(service, id)
            #expect(done.json["status"] as? String == "completed")
            #expect(done.json["response_type"] as? String == "url")
            #expect(done.json["usage_cost_usd_micros"] as? Int == 369)  // 128x96 at $0.03 per MP, rounded up
            let entries = done.entries
            #expect(entries.count == 1)
            #expect(entries.first?["is_image_safe"] as? Bool == true)
            #expect(entries.first?["resolution"] as? String == "128x96")
            #expect(entries.first?["seed"] as? Int == 42)
            let picture = try await HTTP.get(entries.first?["url"] as? String ?? "")
            #expect(picture.status == 200)
            #expect(PNGInfo.size(of: picture.body).map { [$0.width, $0.height] } == [128, 96])

            let record = try #require(service.generationRecords().first)
            #expect(record.status == "completed")
            #expect(record.billedUSDMicros == 369)
            #expect(record.polls == 2)
            #expect(record.fields == ["async": "true", "upscale_factor": "x2", "seed": "42"])
            let calls = service.receivedV2Calls()
            #expect(calls.map(\.kind) == [.upscale, .poll, .poll])
            #expect(calls.map(\.generationStatus) == [nil, "pending", "completed"])
            #expect(calls.allSatisfy { $0.generationID == id })
        }
    }

    @Test func aSynchronousCallAnswersWithDataAfterTheDuration() async throws {
        try await withFakeService(Self.configuration(generation: .milliseconds(300))) { service async throws in
            let started = ContinuousClock.now
            let answer = try await HTTP.v2Upscale(service, model: "topaz-wonder-3-5", .v2(fields: [("enhancement_strength", "low")]))
            #expect(ContinuousClock.now - started >= .milliseconds(300))
            #expect(answer.status == 200)
            #expect(answer.entries.count == 1)
            #expect(answer.entries.first?["url"] is String)
        }
    }

    @Test func aFailedGenerationCarriesItsReasonAndIsNotBilled() async throws {
        try await withFakeService { service async throws in
            service.injectFaults([try FakeFault(spec: "fail:content_policy_violation")])
            let accepted = try await HTTP.v2Upscale(service, model: "topaz-bloom-2", Self.async)
            #expect(accepted.status == 200)
            let failed = try await HTTP.poll(service, accepted.generationID)
            #expect(failed.json["status"] as? String == "failed")
            #expect(failed.json["failure_reason"] as? String == "content_policy_violation")
            #expect(failed.json["data"] == nil)
            #expect(failed.json["usage_cost_usd_micros"] == nil)
            let record = try #require(service.generationRecords().first)
            #expect(record.status == "failed")
            #expect(record.billedUSDMicros == 0)
        }
    }

    @Test func aWithheldImageHasNoURLAndIsStillBilled() async throws {
        try await withFakeService { service async throws in
            service.injectFaults([.unsafeImage])
            let accepted = try await HTTP.v2Upscale(service, model: "auto", Self.async)
            let done = try await HTTP.poll(service, accepted.generationID)
            #expect(done.json["status"] as? String == "completed")
            #expect(done.entries.first?["is_image_safe"] as? Bool == false)
            #expect(done.entries.first?["url"] is NSNull)
            let record = try #require(service.generationRecords().first)
            #expect(record.withheld)
            #expect(record.billedUSDMicros > 0)
            #expect(done.json["usage_cost_usd_micros"] as? Int == Int(record.billedUSDMicros))
        }
    }

    @Test func pollFaultsAnswer429WithRetryAfterThenThePollGoesThrough() async throws {
        try await withFakeService { service async throws in
            let accepted = try await HTTP.v2Upscale(service, model: "auto", Self.async)
            service.injectPollFaults([try PollFault(spec: "429:3"), .serverError(status: 503)])
            let limited = try await HTTP.poll(service, accepted.generationID)
            #expect(limited.status == 429)
            #expect(limited.header("Retry-After") == "3")
            #expect(!limited.errorMessage.isEmpty)
            #expect(try await HTTP.poll(service, accepted.generationID).status == 503)
            #expect(try await HTTP.poll(service, accepted.generationID).json["status"] as? String == "completed")
            #expect(service.receivedV2Calls().filter { $0.kind == .poll }.map(\.status) == [429, 503, 200])
        }
    }

    @Test func pollsPastTheRateLimitAre429WithRetryAfter() async throws {
        var configuration = FakeServiceConfiguration()
        configuration.maxPollsPer10Seconds = 2
        try await withFakeService(configuration) { service async throws in
            let accepted = try await HTTP.v2Upscale(service, model: "auto", Self.async)
            #expect(try await HTTP.poll(service, accepted.generationID).status == 200)
            #expect(try await HTTP.poll(service, accepted.generationID).status == 200)
            let limited = try await HTTP.poll(service, accepted.generationID)
            #expect(limited.status == 429)
            let retryAfter = try #require(limited.header("Retry-After").flatMap { Int($0) })
            #expect((1...10).contains(retryAfter))
        }
    }

    @Test func randomPollFaultsFireAtTheirRate() async throws {
        var configuration = FakeServiceConfiguration()
        configuration.randomPollFaults = [try RandomPollFault(spec: "1:429:1")]
        try await withFakeService(configuration) { service async throws in
            let accepted = try await HTTP.v2Upscale(service, model: "auto", Self.async)
            #expect(try await HTTP.poll(service, accepted.generationID).status == 429)
        }
    }

    @Test func imagesInFlightOverTheLimitAre429InflightLimit() async throws {
        var configuration = Self.configuration(generation: .seconds(30))
        configuration.maxImagesInFlight = 2
        try await withFakeService(configuration) { service async throws in
            #expect(try await HTTP.v2Upscale(service, model: "auto", Self.async).status == 200)
            #expect(try await HTTP.v2Upscale(service, model: "auto", Self.async).status == 200)
            let refused = try await HTTP.v2Upscale(service, model: "auto", Self.async)
            #expect(refused.status == 429)
            #expect(refused.json["reject_reason"] as? String == "inflight_limit")
            #expect(refused.json["max_inflight_requests"] as? Int == 2)
            #expect(service.generationRecords().count == 2, "a refused POST starts nothing")
            #expect(service.receivedV2Calls().map(\.status) == [200, 200, 429])
        }
    }

    @Test func postFaultsRefuseBeforeAnythingStarts() async throws {
        try await withFakeService { service async throws in
            service.injectFaults([.rateLimited(retryAfter: 4), .outOfCredit(reason: "daily_limit")])
            let limited = try await HTTP.v2Upscale(service, model: "auto", Self.async)
            #expect(limited.status == 429)
            #expect(limited.header("Retry-After") == "4")
            let broke = try await HTTP.v2Upscale(service, model: "auto", Self.async)
            #expect(broke.status == 402)
            #expect(broke.json["reject_reason"] as? String == "daily_limit")
            #expect(service.generationRecords().isEmpty)
        }
    }

    @Test func anUnknownGenerationIs404AndAPollNeedsTheKey() async throws {
        try await withFakeService { service async throws in
            #expect(try await HTTP.poll(service, "nosuchgeneration").status == 404)
            #expect(try await HTTP.poll(service, "nosuchgeneration", key: "wrong").status == 403)
            let none = try await HTTP.send(service.baseURL + "/v2/generations/x", method: "GET")
            #expect(none.status == 401)
        }
    }

    @Test func theControlEndpointsServeTheLogAndTheBilling() async throws {
        try await withFakeService { service async throws in
            let accepted = try await HTTP.v2Upscale(service, model: "topaz-standard-2", .v2(fields: [("async", "true")]))
            _ = try await HTTP.poll(service, accepted.generationID)
            let queued = try await HTTP.send(service.baseURL + "/_fake/poll-faults", body: Array(#"{"faults":["429:2"]}"#.utf8))
            #expect(queued.status == 200)
            #expect(try await HTTP.poll(service, accepted.generationID).status == 429)

            let calls = try await HTTP.get(service.baseURL + "/_fake/v2/calls")
            let decodedCalls = try ReceivedUpscale.makeJSONDecoder().decode([ReceivedV2Call].self, from: Data(calls.body))
            #expect(decodedCalls.map(\.kind) == [.upscale, .poll, .poll])
            #expect(decodedCalls.map(\.status) == [200, 200, 429])
            #expect(decodedCalls.first?.fields == ["async": "true"])
            #expect(decodedCalls.allSatisfy { $0.generationID == accepted.generationID })
            let generations = try await HTTP.get(service.baseURL + "/_fake/v2/generations")
            let decoded = try ReceivedUpscale.makeJSONDecoder().decode([GenerationRecord].self, from: Data(generations.body))
            #expect(decoded.map(\.generationID) == [accepted.generationID])
            #expect(decoded.first?.billedUSDMicros == 369)
            let bad = try await HTTP.send(service.baseURL + "/_fake/poll-faults", body: Array(#"{"faults":["unsafe"]}"#.utf8))
            #expect(bad.status == 400)
        }
    }

    @Test func theInProcessBackendSpeaksTheSameCalls() async throws {
        let backend = FakeBackend(configuration: .init())
        let upload = V2Upload(image: .init(bytes: TestImages.png(width: 16, height: 16)), filename: "s.png", contentType: "image/png",
                              fields: [("async", "true")])
        guard case .accepted(let body, _) = await backend.upscaleV2(model: "auto", upload: upload, dryRun: false, credential: "test-key") else {
            Issue.record("not accepted")
            return
        }
        guard case .answered(let poll) = backend.pollGeneration(id: body.generationID, credential: "test-key") else {
            Issue.record("poll not answered")
            return
        }
        #expect(poll.status == "completed")
        #expect(backend.pollGeneration(id: body.generationID, credential: "").status == 401)
    }
}
