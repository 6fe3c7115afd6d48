import Foundation
import IdeogramKit
import Testing
@testable import HeadlessCommands
@testable import UpscaleQueue

/// `jsonLine()` (the writer) against the `Codable` form (`makeEncoder()`): the same bytes for
/// every kind of report, so the schema docs/json-output.md describes holds for both.
@Suite struct JobReportJSONLineTests {
    static let reports: [JobReport] = {
        var reports = [JobReport(Fixtures.job()), JobReport(Fixtures.job(), legacyPriceUSDMicros: 60_000)]
        reports.append(JobReport(Fixtures.job(results: [Fixtures.saved(), Fixtures.withheld(index: 1),
                                                        JobResult(index: 2, seed: 9, resolution: "1x1", prompt: "", url: "u", outcome: .pending),
                                                        JobResult(index: 3, seed: 9, resolution: "1x1", prompt: "", url: "u", outcome: .expired(status: 410)),
                                                        JobResult(index: 4, seed: 9, resolution: "1x1", prompt: "", url: "u",
                                                                  outcome: .downloadFailed(message: "reset \"by peer\""))])))
        reports.append(JobReport(Fixtures.job(state: .outcomeUnknown(message: "no answer"), results: []), legacyPriceUSDMicros: 60_000))
        reports.append(JobReport(Fixtures.job(state: .failed(.outOfCredit(reason: nil, message: "top up")), results: [])))
        reports.append(JobReport(Fixtures.job(state: .rejected(message: "unsafe"), results: [])))
        reports.append(JobReport(Fixtures.job(state: .queued, results: [])))
        for request in [UpscaleRequest(), UpscaleRequest(prompt: ""), UpscaleRequest(prompt: "a/b \"c\" é", magicPromptOption: .off),
                        UpscaleRequest(prompt: "p", resemblance: 1, detail: 100, magicPromptOption: .on, magicPromptVersion: "V_0_1",
                                       numImages: 8, seed: 2_147_483_647)] {
            reports.append(JobReport(Fixtures.job(request: request)))
        }
        var v2 = Fixtures.job()
        v2.generation = GenerationJob(request: try! V2Request(model: .topazStandard2, values: [.upscaleFactor: .choice("x2")]),
                                      generationID: "gen42", quote: PriceQuote(usdMicros: 185, qualifier: .exact), billedUSDMicros: 180)
        reports.append(JobReport(v2))
        var held = JobReport(Fixtures.job(state: .queued, results: []))
        held.status = .heldByCap
        held.spendingHold = SpendingHoldReport(todayUSDMicros: 900_000, jobUSDMicros: 185_000, capUSDMicros: 1_000_000, jobIsEstimate: true)
        reports.append(held)
        reports.append(JobReport.duplicate(source: "tab\there/ünï.png", earlier: Fixtures.job()))
        reports.append(JobReport.refused(source: "b.png", request: UpscaleRequest(), endpoint: Fixtures.endpoint,
                                         error: .invalidImage(.unsupportedFormat(path: "b.png", detected: "text"))))
        var odd = JobReport(Fixtures.job(source: "/pictures/\u{1B}[2J\"quoted\"\\back\nline😀.png"))
        // Times exact in binary, so that they also read back equal.
        odd.submittedAt = Date(timeIntervalSince1970: 1_796_068_747.125)
        odd.updatedAt = Date(timeIntervalSince1970: -0.5)
        odd.attempts = Int.max
        odd.quoteUSDMicros = Int64.min
        reports.append(odd)
        return reports
    }()

    @Test(arguments: reports) func theWriterWritesTheEncodersBytes(_ report: JobReport) throws {
        let encoded = String(decoding: try JobReport.makeEncoder().encode(report), as: UTF8.self)
        #expect(report.jsonLine() == encoded)
        // Read back and written again, the same line (an empty prompt is left out, so it reads back as none).
        #expect(try JobReport.makeDecoder().decode(JobReport.self, from: Data(encoded.utf8)).jsonLine() == encoded)
    }

    /// Only where the writer escapes further (line separators, C1 controls) do the bytes differ;
    /// the object is the same.
    @Test func aSourceWithLineSeparatorsIsTheSameObject() throws {
        let report = JobReport(Fixtures.job(source: "/a\u{2028}b\u{85}c\u{2029}.png"))
        let line = report.jsonLine()
        #expect(line.contains(#"/a\u2028b\u0085c\u2029.png"#))
        #expect(try JobReport.makeDecoder().decode(JobReport.self, from: Data(line.utf8)) == report)
        #expect(line.split(whereSeparator: \.isNewline).count == 1, "one line for any reader")
    }
}
