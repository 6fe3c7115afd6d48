import Foundation
import IdeogramKit
import Testing
@testable import HeadlessCommands
@testable import UpscaleQueue

/// Money in the reports: legacy estimates labelled so, jobs held by the daily cap, and
/// `history --spend`.
@Suite struct MoneyReportTests {
    private func object(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    private func answered(_ images: Int) -> UpscaleResult {
        UpscaleResult(created: nil, images: (0..<images).map { UpscaledImage(seed: $0, prompt: "", resolution: "96x64", url: nil, isImageSafe: false) })
    }

    private func v2Job(id: String, state: JobState = .done, sentAt: Date, quote: Int64 = 100_000, billed: Int64?) throws -> Job {
        var job = Fixtures.job(id: id, state: state)
        job.sentAt = sentAt
        job.generation = GenerationJob(request: try V2Request(model: .topazStandard2, values: [:]), generationID: "g-\(id)",
                                       quote: PriceQuote(usdMicros: quote, qualifier: .exact), billedUSDMicros: billed)
        return job
    }

    @Test func aLegacyJobsCostIsAnEstimateAtTheConfiguredPrice() throws {
        var job = Fixtures.job()
        job.answer = answered(2)
        let json = try object(JobReport(job, legacyPriceUSDMicros: 60_000).jsonLine())
        #expect(json["billed_usd_micros"] as? Int == 120_000, "both images billed, the withheld one too")
        #expect(json["billed_is_estimate"] as? Bool == true)
        #expect(json["quote_usd_micros"] is NSNull)

        let refused = Fixtures.job(state: .failed(.badRequest(message: "no")), results: [])
        #expect(JobReport(refused, legacyPriceUSDMicros: 60_000).billedUSDMicros == 0)
        let lost = Fixtures.job(state: .outcomeUnknown(message: "reset"), results: [])
        let unknown = JobReport(lost, legacyPriceUSDMicros: 60_000)
        #expect(unknown.billedUSDMicros == nil && !unknown.billedIsEstimate, "may have been billed: not known")
    }

    @Test func aV2JobsBillIsTheServicesFigure() throws {
        let report = JobReport(try v2Job(id: "a", sentAt: Fixtures.submitted, billed: 90_000), legacyPriceUSDMicros: 60_000)
        #expect(report.billedUSDMicros == 90_000 && !report.billedIsEstimate)
    }

    @Test func aHeldJobIsReportedWithItsFiguresAndItsOwnExitCode() throws {
        var job = Fixtures.job(state: .queued, results: [])
        job.spendingHold = SpendingHold(todayUSDMicros: 4_200_000, jobUSDMicros: 420_000, capUSDMicros: 4_500_000, jobIsEstimate: false)
        let report = JobReport(job)
        let json = try object(report.jsonLine())
        #expect(json["status"] as? String == "held_by_cap")
        let hold = try #require(json["spending_hold"] as? [String: Any])
        #expect(hold["today_usd_micros"] as? Int == 4_200_000 && hold["job_usd_micros"] as? Int == 420_000)
        #expect(hold["cap_usd_micros"] as? Int == 4_500_000 && hold["job_is_estimate"] as? Bool == false)
        let message = "held: today $4.20 + this $0.42 would pass the cap $4.50; raise it with --max-spend or max_spend_usd_per_day"
        #expect(report.error == message)
        #expect(ReportText.upscalePlain(report) == ["held\t/pictures/a.png\t\(message)\t-\t-\t-"])
        #expect(ReportText.upscaleTerminal(report) == ["⏸ /pictures/a.png: \(message)"])
        #expect(report.isUnfinished)
        #expect(ExitStatus.heldByCap.rawValue == 11)
        #expect(ExitStatus.helpTable(width: 200).contains("11   held by the daily spending cap"))
    }

    @Test func theRunReporterSaysHowAHeldJobIsSent() async {
        var job = Fixtures.job(state: .queued, results: [])
        job.spendingHold = SpendingHold(todayUSDMicros: 0, jobUSDMicros: 60_000, capUSDMicros: 50_000, jobIsEstimate: true)
        let captured = CapturedOutput()
        await RunReporter(format: .plain, live: false, output: captured.console).held(job)
        #expect(captured.out == "held\t/pictures/a.png\theld: today $0.00 + this ~$0.06 (estimate) would pass the cap $0.05; "
            + "raise it with --max-spend or max_spend_usd_per_day; it stays queued: `ideogram-tui upscale --resume` sends it once it fits\t-\t-\t-\n")
    }

    @Test func spendingIsGroupedPerLocalDayAndModelWithLegacyEstimates() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
        // 2026-05-28 22:26:40 in Paris, then the next morning there.
        let dayOne = Fixtures.submitted
        let dayTwo = dayOne.addingTimeInterval(3 * 3600)
        var legacy = Fixtures.job(id: "l1")
        legacy.sentAt = dayOne
        legacy.answer = answered(3)
        var lost = Fixtures.job(id: "l2", state: .outcomeUnknown(message: "reset"), results: [])
        lost.sentAt = dayOne
        var neverSent = Fixtures.job(id: "q", state: .cancelled, results: [])
        neverSent.sentAt = nil
        let jobs = [
            legacy, lost, neverSent,
            try v2Job(id: "a", sentAt: dayOne, billed: 90_000),
            try v2Job(id: "b", sentAt: dayTwo, billed: 110_000),
            try v2Job(id: "c", state: .generating(generationID: "g-c"), sentAt: dayTwo, quote: 130_000, billed: nil),
            try v2Job(id: "d", state: .failed(.generationFailed(reason: "x")), sentAt: dayTwo, billed: 0),
        ]
        let rows = SpendingRow.rows(jobs, legacyPriceUSDMicros: 60_000, calendar: calendar)
        #expect(rows == [
            SpendingRow(day: "2026-05-28", model: "legacy", jobs: 2, billedUSDMicros: 180_000, mayHaveBeenBilledUSDMicros: 60_000, isEstimate: true),
            SpendingRow(day: "2026-05-28", model: "topaz-standard-2", jobs: 1, billedUSDMicros: 90_000, mayHaveBeenBilledUSDMicros: 0, isEstimate: false),
            SpendingRow(day: "2026-05-29", model: "topaz-standard-2", jobs: 3, billedUSDMicros: 110_000, mayHaveBeenBilledUSDMicros: 130_000,
                        isEstimate: false),
        ])
        #expect(ReportText.spending(rows) == [
            "day\tmodel\tjobs\tbilled\tmay_have_been_billed\tfigures",
            "2026-05-28\tlegacy\t2\t~$0.18\t~$0.06\testimate",
            "2026-05-28\ttopaz-standard-2\t1\t$0.09\t$0.00\texact",
            "2026-05-29\ttopaz-standard-2\t3\t$0.11\t$0.13\texact",
            "total\t-\t6\t$0.38\t$0.19\tincludes ~$0.24 estimate",
        ])
        let json = try object(HistoryListing().spendingText([rows[0]], json: true))
        #expect(Set(json.keys) == ["day", "model", "jobs", "billed_usd_micros", "may_have_been_billed_usd_micros", "is_estimate"])
        #expect(json["is_estimate"] as? Bool == true && json["billed_usd_micros"] as? Int == 180_000)
    }

    @Test func forceIsRefusedWithAV2Model() throws {
        var options = UpscaleOptions()
        options.model = .v2(.topazStandard2)
        options.force = true
        #expect(throws: CommandFailure.self) { try options.v2Request() }
        do { _ = try options.v2Request() } catch {
            #expect(error.status == .badInput)
            #expect(error.message.contains("--force only overrides the legacy fixed-seed duplicate check"))
        }
    }

    @Test func maxSpendReachesTheQueueAndIsChecked() throws {
        var options = UpscaleOptions()
        options.maxSpend = 4.5
        let home = NSTemporaryDirectory() + "max-spend-\(UUID().uuidString.prefix(8))"
        #expect(try options.settings(environment: ["HOME": home]).queueConfiguration.maxSpendUSDMicrosPerDay == 4_500_000)
        options.maxSpend = -1
        #expect(throws: CommandFailure.self) { try options.settings(environment: ["HOME": home]) }
    }
}
