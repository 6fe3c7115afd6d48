import Foundation
import Testing
@testable import IdeogramKit

@Suite struct V2RequestTests {
    private func values(_ pairs: [UpscaleField: String]) throws -> [UpscaleField: FieldValue] {
        var parsed: [UpscaleField: FieldValue] = [:]
        for (field, text) in pairs { parsed[field] = try FieldValue.parse(text, as: field) }
        return parsed
    }

    @Test func eachModelSendsOnlyWhatIsSetInItsFieldOrder() throws {
        let standard = TopazStandard2Upscale(factor: .x4, enhancement: TopazEnhancement(denoise: 0.3, sharpen: 1))
        #expect(standard.formFields.map(\.name) == ["upscale_factor", "denoise", "sharpen"])
        #expect(standard.formFields.map(\.value) == ["x4", "0.3", "1"])
        #expect(AutoUpscale().formFields.isEmpty, "nothing set: the model chooses everything")
        let bloom = TopazBloom2Upscale(prompt: "crisp", creativity: 3, colorPreservation: false)
        #expect(bloom.formFields.map { "\($0.name)=\($0.value)" } == ["prompt=crisp", "creativity=3", "color_preservation=false"])
        let nano = NanoBananaProUpscale(tier: .fourK, seed: 5)
        #expect(nano.formFields.map { "\($0.name)=\($0.value)" } == ["resolution_tier=4K", "seed=5"])
    }

    @Test func aFieldTheModelDoesNotTakeIsRefusedByName() throws {
        #expect(throws: RequestProblems(problems: [.notTaken(field: "seed", model: "topaz-standard-2")])) {
            try V2Request(model: .topazStandard2, values: values([.seed: "4"]))
        }
        #expect(throws: RequestProblems.self) { try V2Request(model: .nanoBananaPro, values: values([.upscaleFactor: "x4"])) }
        #expect(throws: RequestProblems.self) { try V2Request(model: .topazWonder4, values: values([.upscaleFactor: "x8"])) }
        let problem = RequestValidationError.notTaken(field: "seed", model: "topaz-standard-2")
        #expect(problem.description == "seed is not a field topaz-standard-2 takes")
    }

    @Test func valuesOutOfRangeNameTheFieldTheValueAndTheRange() throws {
        let request = TopazRedefineUpscale(creativity: 10, texture: 0, enhancement: TopazEnhancement(denoise: 1.5, strength: 0))
        let problems = request.problems().map(\.description)
        #expect(problems.contains("denoise 1.5 is out of range: allowed 0 to 1"))
        #expect(problems.contains("strength 0 is out of range: allowed 0.01 to 1"))
        #expect(problems.contains("creativity 10 is out of range: allowed 1 to 9"))
        #expect(problems.contains("texture 0 is out of range: allowed 1 to 5"))
        #expect(throws: RequestValidationError.self) { try FieldValue.parse("lots", as: .denoise) }
        #expect(try FieldValue.parse("Foreground", as: .subjectDetection) == .choice("foreground"))
        #expect(try FieldValue.parse("2k", as: .resolutionTier) == .choice("2K"))
    }

    @Test func faceEnhancementNeedsBothStrengths() throws {
        let half = TopazStandard2Upscale(enhancement: TopazEnhancement(faceEnhancement: true, faceEnhancementStrength: 0.5))
        #expect(half.problems().map(\.field) == ["face_enhancement"])
        let whole = TopazStandard2Upscale(enhancement: TopazEnhancement(faceEnhancement: true, faceEnhancementStrength: 0.5,
                                                                        faceEnhancementCreativity: 0.2))
        #expect(whole.problems().isEmpty)
        let stray = TopazTextRefineUpscale(enhancement: TopazEnhancement(faceEnhancementStrength: 0.5))
        #expect(stray.problems().map(\.field) == ["face_enhancement_strength"])
    }

    @Test func promptLengthFollowsTheModel() throws {
        let long = String(repeating: "a", count: 1025)
        #expect(TopazBloom2Upscale(prompt: long).problems().map(\.field) == ["prompt"])
        #expect(NanoBananaProUpscale(prompt: long).problems().isEmpty)
        #expect(NanoBananaProUpscale(prompt: String(repeating: "a", count: 2001)).problems().map(\.field) == ["prompt"])
    }

    @Test func theOutputSizeIsCheckedWithBothFigures() throws {
        let x4 = V2Request.topazStandard2(TopazStandard2Upscale(factor: .x4))
        #expect(x4.outputSize(width: 1000, height: 872)! == (4000, 3488))
        #expect(x4.sizeProblem(width: 2048, height: 1000) == nil)
        let problem = try #require(x4.sizeProblem(width: 2049, height: 1000))
        #expect(problem.description.contains("2049x1000 x4 would be 8196x4000"))
        #expect(V2Request.auto(AutoUpscale()).factor == .x2, "unset: the model's default")
    }

    @Test func aTierMustBeAboveTheSource() throws {
        let twoK = V2Request.nanoBananaPro(NanoBananaProUpscale())
        #expect(twoK.tier == .twoK, "unset: the default tier")
        #expect(twoK.sizeProblem(width: 2047, height: 1000) == nil)
        let problem = try #require(twoK.sizeProblem(width: 1000, height: 2048))
        #expect(problem.field == "resolution_tier")
        #expect(problem.description.contains("1000x2048 is already at or above 2K (2048 pixels on the long side)"))
        #expect(V2Request.nanoBananaPro(NanoBananaProUpscale(tier: .fourK)).sizeProblem(width: 2048, height: 1000) == nil)
        #expect(V2Request.nanoBananaPro(NanoBananaProUpscale(tier: .fourK)).sizeProblem(width: 9000, height: 9000) != nil)
        #expect(V2Request.topazStandard2(TopazStandard2Upscale()).tier == nil)
    }

    @Test func requestsRoundTripThroughJSON() throws {
        let request = V2Request.topazRedefine(TopazRedefineUpscale(factor: .x2, seed: 9, prompt: "fine grain", autoprompt: false,
                                                                   creativity: 4, enhancement: TopazEnhancement(denoise: 0.35)))
        let data = try JSONEncoder().encode(request)
        #expect(try JSONDecoder().decode(V2Request.self, from: data) == request)
    }

    @Test func answersAndQuotesDecodeAndIgnoreUnknownFields() throws {
        let quote = try JSONDecoder().decode(PriceQuote.self, from: Data("""
            {"object":"price_quote","billing_identifier":"topaz_standard_v2_upscale","quantity":1,
             "usd_micros":125830,"credit_millis":12583,"qualifier":"exact"}
            """.utf8))
        #expect(quote.text == "$0.13")
        #expect(PriceQuote(usdMicros: 420_000, qualifier: .estimate, upperBoundUSDMicros: 600_000).text == "~$0.42 (estimate, at most $0.60)")
        let poll = try JSONDecoder().decode(GenerationPoll.self, from: Data("""
            {"generation_id":"g1","status":"completed","created":"x","response_type":"url","usage_cost_usd_micros":125830,
             "data":[{"url":"https://x/y.png","resolution":"2048x2048","seed":1,"is_image_safe":true,"object_type":"?"},
                     {"url":null,"resolution":"2048x2048","seed":2,"is_image_safe":false}]}
            """.utf8))
        #expect(poll.status == .completed)
        #expect(poll.data?.map(\.isWithheld) == [false, true])
        #expect(poll.usageCostUSDMicros == 125_830)
        let odd = try JSONDecoder().decode(GenerationPoll.self, from: Data(#"{"generation_id":"g","status":"queued"}"#.utf8))
        #expect(odd.status == .other("queued"))
    }

    @Test(arguments: [#"{"usd_micros":-1,"qualifier":"exact"}"#, #"{"usd_micros":9223372036854775807,"qualifier":"exact"}"#,
                      #"{"usd_micros":5,"qualifier":"estimate","upper_bound_usd_micros":-9223372036854775808}"#])
    func anImplausibleAmountIsAMalformedQuote(json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(PriceQuote.self, from: Data(json.utf8)) }
    }

    @Test func anImplausibleBillIsAMalformedPoll() {
        let json = #"{"generation_id":"g","status":"completed","usage_cost_usd_micros":-9223372036854775808}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(GenerationPoll.self, from: Data(json.utf8)) }
    }

    @Test func moneyIsShownInCentsOrFinerWhenSmall() {
        #expect(USDMicros.text(125_830) == "$0.13")
        #expect(USDMicros.text(12_000_000) == "$12.00")
        #expect(USDMicros.text(3_100) == "$0.0031")
        #expect(USDMicros.text(995_000) == "$1.00")
        #expect(USDMicros.text(0) == "$0.00")
    }

    @Test func offlineEstimatesFollowTheRecordedQuotes() {
        // A 1024x1024 source at x2 is 4.19 MP out: about $0.1258 for standard-2, $0.3775 for bloom-2.
        let standard = PriceEstimate.quote(.topazStandard2(TopazStandard2Upscale()), width: 1024, height: 1024)
        #expect(standard.usdMicros == 125_829 && standard.qualifier == .estimate)
        #expect(PriceEstimate.quote(.topazBloom2(TopazBloom2Upscale()), width: 1024, height: 1024).usdMicros == 377_487)
    }
}

@Suite struct GenerationURLTests {
    @Test func idsArePercentEncodedByTheirUTF8Bytes() throws {
        let endpoint = try Endpoint(baseURL: "https://api.example", dialect: .official)
        #expect(endpoint.generationURL("xtdZ-q_1") == "https://api.example/v2/generations/xtdZ-q_1")
        #expect(endpoint.generationURL("a/é") == "https://api.example/v2/generations/a%2F%C3%A9")
        #expect(endpoint.generationURL("Ā") != endpoint.generationURL("ā"), "distinct ids stay distinct")
    }
}
