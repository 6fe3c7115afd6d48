import Foundation
import IdeogramKit
import Testing
@testable import HeadlessCommands
@testable import UpscaleQueue

/// The one JSON schema of `upscale --json` and `history --json` (docs/json-output.md).
@Suite struct JobReportTests {
    private func object(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    static let topLevelKeys: Set<String> = [
        "job_id", "source", "status", "duplicate", "error", "error_category", "may_have_been_billed", "request", "endpoint",
        "dialect", "attempts", "submitted_at", "updated_at", "results", "model", "generation_id", "quote_usd_micros",
        "billed_usd_micros", "billed_is_estimate", "spending_hold",
    ]
    static let resultKeys: Set<String> = ["index", "seed", "resolution", "prompt", "url", "outcome", "file", "sidecar", "bytes", "error"]

    @Test func aDoneJobsFieldsAndValues() throws {
        let json = try object(JobReport(Fixtures.job()).jsonLine())
        #expect(Set(json.keys) == Self.topLevelKeys)
        #expect(json["job_id"] as? String == "0b8f8a52-4f1e-4c5e-9d8e-7a2a3c1e9f10")
        #expect(json["source"] as? String == "/pictures/a.png")
        #expect(json["status"] as? String == "done")
        #expect(json["duplicate"] as? Bool == false && json["may_have_been_billed"] as? Bool == false)
        #expect(json["error"] is NSNull && json["error_category"] is NSNull)
        #expect(json["endpoint"] as? String == "http://127.0.0.1:8080/upscale" && json["dialect"] as? String == "official")
        #expect(json["attempts"] as? Int == 1)
        #expect(json["submitted_at"] as? String == "2026-05-28T20:26:40.000Z")
        #expect(json["updated_at"] as? String == "2026-05-28T20:27:22.000Z")
        let request = try #require(json["request"] as? [String: Any])
        #expect(request["prompt"] as? String == "crisp" && request["seed"] as? Int == 7 && request["resemblance"] as? Int == 50)
        #expect(request["magic_prompt_option"] as? String == "AUTO")
        let result = try #require((json["results"] as? [[String: Any]])?.first)
        #expect(Set(result.keys) == Self.resultKeys)
        #expect(result["index"] as? Int == 0 && result["seed"] as? Int == 7 && result["resolution"] as? String == "96x64")
        #expect(result["prompt"] as? String == "crisp, detailed" && result["url"] as? String == "http://127.0.0.1:8080/r/7.png")
        #expect(result["outcome"] as? String == "saved" && result["file"] as? String == "/out/a-upscaled-7.png")
        #expect(result["sidecar"] as? String == "/out/a-upscaled-7.png.json" && result["bytes"] as? Int == 1234)
        #expect(result["error"] is NSNull)
        #expect(json["model"] as? String == "legacy" && json["generation_id"] is NSNull)
        #expect(json["quote_usd_micros"] is NSNull && json["billed_usd_micros"] is NSNull)
    }

    @Test func aV2JobNamesItsModelGenerationQuoteAndBill() throws {
        var job = Fixtures.job()
        let request = try V2Request(model: .topazStandard2, values: [.upscaleFactor: .choice("x2")])
        job.generation = GenerationJob(request: request, generationID: "gen42", quote: PriceQuote(usdMicros: 185, qualifier: .exact),
                                       billedUSDMicros: 180)
        let report = JobReport(job)
        let json = try object(report.jsonLine())
        #expect(Set(json.keys) == Self.topLevelKeys)
        #expect(json["model"] as? String == "topaz-standard-2" && json["generation_id"] as? String == "gen42")
        #expect(json["quote_usd_micros"] as? Int == 185 && json["billed_usd_micros"] as? Int == 180)
        #expect(json["endpoint"] as? String == "http://127.0.0.1:8080/v2/image/upscale/topaz-standard-2")
        #expect(try JobReport.makeDecoder().decode(JobReport.self, from: Data(report.jsonLine().utf8)) == report)

        job.state = .failed(.generationFailed(reason: "content_moderation"))
        job.results = []
        let failed = JobReport(job)
        #expect(failed.errorCategory == .generationFailed && ExitStatus(finished: failed) == .generationFailed)
        #expect(failed.error == "the generation failed (content_moderation); it was not billed")
    }

    @Test func failuresCarryTheirMessageCategoryAndBilling() throws {
        let unknown = try object(JobReport(Fixtures.job(state: .outcomeUnknown(message: "no answer: it may have been billed"), results: [])).jsonLine())
        #expect(unknown["status"] as? String == "outcome_unknown" && unknown["error_category"] as? String == "outcome_unknown")
        #expect(unknown["may_have_been_billed"] as? Bool == true)
        #expect((unknown["error"] as? String)?.contains("may have been billed") == true)

        let credit = try object(JobReport(Fixtures.job(state: .failed(.outOfCredit(reason: nil, message: "top up")), results: [])).jsonLine())
        #expect(credit["status"] as? String == "failed" && credit["error_category"] as? String == "out_of_credit")

        let refused = JobReport.refused(source: "b.png", request: UpscaleRequest(), endpoint: Fixtures.endpoint,
                                        error: .invalidImage(.unsupportedFormat(path: "b.png", detected: "text")))
        let json = try object(refused.jsonLine())
        #expect(Set(json.keys) == Self.topLevelKeys, "a refused file has every key too")
        #expect(json["status"] as? String == "refused" && json["job_id"] is NSNull && json["submitted_at"] is NSNull)
        #expect(json["error_category"] as? String == "bad_input")
    }

    @Test func aDuplicateIsTheEarlierJobUnderThisName() throws {
        let report = JobReport.duplicate(source: "a.png", earlier: Fixtures.job())
        #expect(report.duplicate && report.source == "a.png" && report.status == .done && report.jobID == Fixtures.job().id.rawValue)
        #expect(report.results.first?.file == "/out/a-upscaled-7.png")
    }

    @Test func resultOutcomes() {
        let job = Fixtures.job(results: [Fixtures.withheld(index: 0),
                                         JobResult(index: 1, seed: 9, resolution: "1x1", prompt: "", url: "u", outcome: .pending),
                                         JobResult(index: 2, seed: 9, resolution: "1x1", prompt: "", url: "u", outcome: .expired(status: 410)),
                                         JobResult(index: 3, seed: 9, resolution: "1x1", prompt: "", url: "u", outcome: .downloadFailed(message: "reset"))])
        let results = JobReport(job).results
        #expect(results.map(\.outcome) == [.withheld, .notDownloaded, .expired, .downloadFailed])
        #expect(results[0].url == nil && results[2].error?.contains("410") == true && results[3].error == "download failed: reset")
        #expect(!JobReport(job).succeeded, "an image lost is a failure")
        #expect(ExitStatus(finished: JobReport(job)) == .failure)
        #expect(ExitStatus(finished: JobReport(Fixtures.job(results: [Fixtures.withheld()]))) == .success, "withheld is billed, not failed")
    }

    @Test func decodesWhatItEncodes() throws {
        let report = JobReport(Fixtures.job(results: [Fixtures.saved(), Fixtures.withheld(index: 1)]))
        let decoded = try JobReport.makeDecoder().decode(JobReport.self, from: Data(report.jsonLine().utf8))
        #expect(decoded == report)
    }

    /// The two commands print the same object for the same job.
    @Test func upscaleAndHistoryPrintTheSameSchema() async throws {
        let job = Fixtures.job()
        let captured = CapturedOutput()
        let reporter = RunReporter(format: .json, live: false, output: captured.console)
        await reporter.report(job)
        let history = HistoryListing().text([JobReport(job, legacyPriceUSDMicros: QueueConfiguration.defaultLegacyPriceUSDMicros)],
                                            format: .json)
        let fromUpscale = try object(captured.out), fromHistory = try object(history)
        #expect(Set(fromUpscale.keys) == Self.topLevelKeys && Set(fromHistory.keys) == Self.topLevelKeys)
        #expect(captured.out == history, "same job, same line")
    }
}
