import FakeIdeogram
import Foundation
import IdeogramClient
@testable import IdeogramKit
import Testing

/// The client's v2 calls against the fake service, which checks them from its own reading of
/// the contract: the parts sent, what is refused before sending, and how answers map.
@Suite("v2 client calls")
struct V2ClientTests {
    /// One request per model with its own fields set, as the UI or the command line would.
    static let requests: [V2Request] = [
        .auto(AutoUpscale(factor: .x4, seed: 11)),
        .topazStandard2(TopazStandard2Upscale(factor: .x2, enhancement: TopazEnhancement(
            denoise: 0.35, fixCompression: 1, sharpen: 0, strength: 0.01, subjectDetection: .foreground,
            faceEnhancement: true, faceEnhancementStrength: 0.5, faceEnhancementCreativity: 0.25))),
        .topazTextRefine(TopazTextRefineUpscale(seed: 3, enhancement: TopazEnhancement(subjectDetection: .all))),
        .topazWonder35(TopazWonder35Upscale(factor: .x8, enhancementStrength: .low)),
        .topazWonder4(TopazWonder4Upscale(factor: .x4)),
        .topazBloom2(TopazBloom2Upscale(prompt: "crisp bark", creativity: 9, colorPreservation: false)),
        .topazRedefine(TopazRedefineUpscale(prompt: "ignored", autoprompt: true, creativity: 1, texture: 5,
                                            enhancement: TopazEnhancement(denoise: 0.2))),
        .nanoBananaPro(NanoBananaProUpscale(tier: .oneK, seed: 8, prompt: "the same scene")),
    ]

    @Test(arguments: requests)
    func eachModelIsSentAsTheContractSays(_ request: V2Request) async throws {
        try await FakeServiceFixture.with { fixture in
            let accepted = try await fixture.client.submitGeneration(image: try FakeServiceFixture.sampleImage(), request: request)
            #expect(!accepted.generationID.isEmpty)
            #expect(accepted.data == nil, "async: accepted before anything ran")
            let call = try #require(fixture.service.receivedV2Calls().last)
            #expect(call.kind == .upscale)
            #expect(call.model == request.model.rawValue)
            #expect(call.status == 200)
            #expect(call.generationID == accepted.generationID)
            var expected = Dictionary(uniqueKeysWithValues: request.formFields.map { ($0.name, $0.value) })
            expected["async"] = "true"
            #expect(call.fields == expected)
        }
    }

    @Test func aGenerationIsPolledFromPendingToCompletedAndItsPictureServed() async throws {
        try await FakeServiceFixture.with(configure: { $0.generationDuration = .milliseconds(500) }) { fixture in
            let request = V2Request.topazStandard2(TopazStandard2Upscale(factor: .x4))
            let accepted = try await fixture.client.submitGeneration(image: try FakeServiceFixture.sampleImage(), request: request)
            #expect(accepted.width == 256)
            #expect(accepted.height == 192)

            let pending = try await fixture.client.poll(generationID: accepted.generationID)
            #expect(pending.status == .pending)
            #expect(pending.data == nil)
            try await Task.sleep(for: .milliseconds(600))
            let done = try await fixture.client.poll(generationID: accepted.generationID)
            #expect(done.status == .completed)
            #expect(done.generationID == accepted.generationID)
            let quoted = try await fixture.client.quote(image: try FakeServiceFixture.sampleImage(), request: request)
            #expect(done.usageCostUSDMicros == quoted.usdMicros, "billed what was quoted")
            let image = try #require(done.data?.first)
            #expect(!image.isWithheld)
            #expect(image.resolution == "256x192")
            let folder = try TestImages.temporaryDirectory().path
            let file = try await ResultDownloader(http: fixture.http).download(url: try #require(image.url), into: folder, baseName: "v2")
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file.path)))
            #expect(try ImageSniffer.sniff(bytes) == ImageHeader(format: .png, width: 256, height: 192))
        }
    }

    @Test func aQuoteIsTheFakesPriceAndStartsNothing() async throws {
        try await FakeServiceFixture.with { fixture in
            let image = try FakeServiceFixture.sampleImage()
            let exact = try await fixture.client.quote(image: image, request: .topazBloom2(TopazBloom2Upscale(factor: .x2)))
            #expect(exact == PriceQuote(usdMicros: 1106, qualifier: .exact))  // 128x96 at $0.09 per MP, rounded up
            let auto = try await fixture.client.quote(image: image, request: .auto(AutoUpscale()))
            #expect(auto.qualifier == .estimate)
            #expect(auto.upperBoundUSDMicros == 1106)
            let tier = try await fixture.client.quote(image: image, request: .nanoBananaPro(NanoBananaProUpscale(tier: .fourK)))
            #expect(tier.usdMicros == 240_000)
            #expect(fixture.service.receivedV2Calls().map(\.kind) == [.quote, .quote, .quote])
            #expect(fixture.service.receivedV2Calls().allSatisfy { $0.fields["async"] == nil })
            #expect(fixture.service.generationRecords().isEmpty)
        }
    }

    @Test func anInvalidValueIsRefusedBeforeAnythingIsSent() async throws {
        try await FakeServiceFixture.with { fixture in
            let image = try FakeServiceFixture.sampleImage()
            let outOfRange = V2Request.topazRedefine(TopazRedefineUpscale(creativity: 10))
            let refused = await v2Error { try await fixture.client.submitGeneration(image: image, request: outOfRange) }
            #expect(refused == .invalidRequest(.outOfRange(field: "creativity", value: "10", allowed: "1 to 9")))
            let quoteRefused = await v2Error { try await fixture.client.quote(image: image, request: outOfRange) }
            #expect(quoteRefused == refused)

            let wide = try FakeServiceFixture.sampleImage(width: 4097, height: 4)
            let tooWide = await v2Error { try await fixture.client.submitGeneration(image: wide, request: .auto(AutoUpscale())) }
            guard case .invalidRequest(let problem)? = tooWide else {
                Issue.record("not refused before sending: \(String(describing: tooWide))")
                return
            }
            #expect(problem.field == "upscale_factor")
            #expect(fixture.service.receivedV2Calls().isEmpty, "nothing reached the service")
        }
    }

    @Test func anAggregatorEndpointIsRefusedBeforeAnythingIsSent() async throws {
        try await FakeServiceFixture.with(dialect: .aggregator) { fixture in
            let image = try FakeServiceFixture.sampleImage()
            let submit = await v2Error { try await fixture.client.submitGeneration(image: image, request: .auto(AutoUpscale())) }
            let quote = await v2Error { try await fixture.client.quote(image: image, request: .auto(AutoUpscale())) }
            let poll = await v2Error { try await fixture.client.poll(generationID: "abc") }
            for error in [submit, quote, poll] {
                guard case .invalidRequest(let problem)? = error else {
                    Issue.record("not refused before sending: \(String(describing: error))")
                    continue
                }
                #expect(problem.field == "dialect")
            }
            #expect(fixture.service.receivedV2Calls().isEmpty)
        }
    }

    @Test func refusalsMapToTheirErrors() async throws {
        try await FakeServiceFixture.with { fixture in
            let image = try FakeServiceFixture.sampleImage()
            let request = V2Request.auto(AutoUpscale())
            fixture.service.injectFaults([.badRequest(message: "bad image"), .outOfCredit(reason: "insufficient_funds"),
                                          .rateLimited(retryAfter: 5)])
            let bad = await v2Error { try await fixture.client.submitGeneration(image: image, request: request) }
            #expect(bad == .badRequest(message: "bad image"))
            let broke = await v2Error { try await fixture.client.submitGeneration(image: image, request: request) }
            #expect(broke?.category == .outOfCredit)
            if case .outOfCredit(let reason, _)? = broke { #expect(reason == "insufficient_funds") }
            let limited = await v2Error { try await fixture.client.submitGeneration(image: image, request: request) }
            #expect(limited?.retryAfterSeconds == 5)
            #expect(limited?.isRetryable == true)
            #expect(limited?.mayHaveBeenBilled == false)
            #expect(fixture.service.generationRecords().isEmpty)
        }
    }

    @Test func aSourceAtTheTierIsRefusedBeforeAnythingIsSent() async throws {
        // The service refuses a source already at or above the tier; the client checks it first.
        try await FakeServiceFixture.with { fixture in
            let image = try FakeServiceFixture.sampleImage(width: 2048, height: 8)
            let refused = await v2Error {
                try await fixture.client.submitGeneration(image: image, request: .nanoBananaPro(NanoBananaProUpscale()))
            }
            guard case .invalidRequest(let problem)? = refused else {
                Issue.record("not refused before sending: \(String(describing: refused))")
                return
            }
            #expect(problem.field == "resolution_tier")
            #expect(fixture.service.receivedV2Calls().isEmpty, "nothing reached the service")
        }
    }

    @Test func aPollOverTheRateIs429WithRetryAfterAndAnUnknownIdIs404() async throws {
        try await FakeServiceFixture.with { fixture in
            let accepted = try await fixture.client.submitGeneration(image: try FakeServiceFixture.sampleImage(), request: .auto(AutoUpscale()))
            fixture.service.injectPollFaults([.rateLimited(retryAfter: 3)])
            let limited = await v2Error { try await fixture.client.poll(generationID: accepted.generationID) }
            #expect(limited?.retryAfterSeconds == 3)
            #expect(try await fixture.client.poll(generationID: accepted.generationID).status == .completed)
            let unknown = await v2Error { try await fixture.client.poll(generationID: "no/such id") }
            guard case .unexpectedStatus(404, _)? = unknown else {
                Issue.record("not a 404: \(String(describing: unknown))")
                return
            }
            #expect(fixture.service.receivedV2Calls().last?.generationID == "no%2Fsuch%20id", "the id is escaped into the path")
        }
    }

    @Test func failedAndWithheldGenerationsReadAsSuch() async throws {
        try await FakeServiceFixture.with { fixture in
            let image = try FakeServiceFixture.sampleImage()
            fixture.service.injectFaults([.generationFailed(reason: "content_policy_violation"), .unsafeImage])
            let failing = try await fixture.client.submitGeneration(image: image, request: .auto(AutoUpscale()))
            let withheld = try await fixture.client.submitGeneration(image: image, request: .auto(AutoUpscale()))
            let failed = try await fixture.client.poll(generationID: failing.generationID)
            #expect(failed.status == .failed)
            #expect(failed.failureReason == "content_policy_violation")
            #expect(failed.usageCostUSDMicros == nil)
            let safe = try await fixture.client.poll(generationID: withheld.generationID)
            #expect(safe.status == .completed)
            #expect(safe.data?.first?.isWithheld == true)
            #expect(safe.usageCostUSDMicros != nil, "a withheld image is still billed")
        }
    }
}

/// Runs a v2 call and returns its typed error, or nil when it succeeded.
private func v2Error<T>(_ call: () async throws -> T) async -> UpscaleError? {
    do {
        _ = try await call()
        return nil
    } catch let error as UpscaleError {
        return error
    } catch {
        Issue.record("not an UpscaleError: \(error)")
        return nil
    }
}
