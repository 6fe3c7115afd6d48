import FakeIdeogram
import Testing

/// `?dry_run=true`: the contract's quote shape, priced per output megapixel (or per tier),
/// nothing run, nothing billed.
@Suite("v2 price quotes")
struct V2QuoteTests {
    /// A 1024x1024 source at x2 is 4,194,304 output pixels: the prices recorded in October 2026.
    @Test(arguments: [
        ("topaz-standard-2", 125_830), ("topaz-text-refine", 125_830), ("topaz-wonder-3-5", 251_659),
        ("topaz-wonder-4", 251_659), ("topaz-redefine", 251_659), ("topaz-bloom-2", 377_488), ("nano-banana-pro", 134_400),
    ])
    func quotesPerOutputMegapixel(model: String, micros: Int) async throws {
        try await withFakeService { service async throws in
            let source = TestImages.jpeg(width: 1024, height: 1024)
            let fields = model == "nano-banana-pro" ? [("resolution_tier", "2K")] : []
            let form = MultipartBody.v2(image: model == "nano-banana-pro" ? TestImages.jpeg(width: 1000, height: 1000) : source,
                                        filename: "s.jpg", contentType: "image/jpeg", fields: fields)
            let answer = try await HTTP.v2Upscale(service, model: model, form, dryRun: true)
            #expect(answer.status == 200, "\(answer.text)")
            #expect(answer.json["object"] as? String == "price_quote")
            #expect(answer.json["usd_micros"] as? Int == micros)
            #expect(answer.json["credit_millis"] as? Int == (micros + 9) / 10)
            #expect(answer.json["quantity"] as? Int == 1)
            #expect(answer.json["qualifier"] as? String == "exact")
            #expect(!(answer.json["billing_identifier"] as? String ?? "").isEmpty)
            #expect(answer.json["generation_id"] == nil)
            #expect(service.generationRecords().isEmpty, "a quote runs nothing and bills nothing")
            #expect(service.receivedV2Calls().map(\.kind) == [.quote])
        }
    }

    @Test func theFactorScalesThePrice() async throws {
        try await withFakeService { service async throws in
            let form = MultipartBody.v2(image: TestImages.jpeg(width: 1024, height: 1024), filename: "s.jpg", contentType: "image/jpeg",
                                        fields: [("upscale_factor", "x4")])
            let answer = try await HTTP.v2Upscale(service, model: "topaz-standard-2", form, dryRun: true)
            #expect(answer.json["usd_micros"] as? Int == 503_317)  // 16.78 MP at $0.03
        }
    }

    @Test func autoIsAnEstimateWithAnUpperBound() async throws {
        try await withFakeService { service async throws in
            let form = MultipartBody.v2(image: TestImages.jpeg(width: 1024, height: 1024), filename: "s.jpg", contentType: "image/jpeg")
            let answer = try await HTTP.v2Upscale(service, model: "auto", form, dryRun: true)
            #expect(answer.json["qualifier"] as? String == "estimate")
            #expect(answer.json["usd_micros"] as? Int == 251_659)
            #expect(answer.json["upper_bound_usd_micros"] as? Int == 377_488)
        }
    }

    @Test func theFourKTierHasItsOwnPrice() async throws {
        try await withFakeService { service async throws in
            let form = MultipartBody.v2(fields: [("resolution_tier", "4K")])
            let answer = try await HTTP.v2Upscale(service, model: "nano-banana-pro", form, dryRun: true)
            #expect(answer.json["usd_micros"] as? Int == 240_000)
        }
    }

    @Test func anInvalidRequestIsRefusedEvenAsAQuote() async throws {
        try await withFakeService { service async throws in
            let answer = try await HTTP.v2Upscale(service, model: "topaz-standard-2", .v2(fields: [("seed", "1")]), dryRun: true)
            #expect(answer.status == 400)
        }
    }

    @Test func aQuoteDrawsNoFault() async throws {
        try await withFakeService { service async throws in
            service.injectFaults([.serverError(status: 503)])
            #expect(try await HTTP.v2Upscale(service, model: "auto", dryRun: true).status == 200)
            #expect(try await HTTP.v2Upscale(service, model: "auto").status == 503)
        }
    }
}
