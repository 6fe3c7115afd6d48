import Foundation
import IdeogramKit
import Testing
@testable import HeadlessCommands
@testable import UpscaleQueue

/// The live block on stderr, and how reports on stdout interleave with it.
@Suite struct LiveBlockTests {
    @Test func aJobInFlightGetsALineWithItsSafeLabel() {
        var block = LiveBlock()
        let job = Fixtures.job(source: ReportTextTests.hostileName, state: .uploading, results: [])
        let started = block.apply(.transition(job, from: .queued), label: { $0 })
        let progressed = block.apply(.uploadProgress(job.id, sent: 512, total: 1024), label: { $0 })
        #expect(started && progressed)
        let now = ContinuousClock.now
        let lines = block.lines(now: now, started: now, tally: RunTally(), expected: 3, width: 200)
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("  ↑ /p/evil") && lines[0].contains("uploading 50% of") && !lines[0].contains("\u{1B}"))
        #expect(lines[1] == "[0/3] 0 done, 0 failed, 1 sending, 0 downloading, 2 queued · 0.0 s")
        block.end(job.id)
        #expect(block.isEmpty)
    }

    @Test func linesAreCutToTheWidthAndExtraJobsCounted() {
        var block = LiveBlock()
        for index in 0..<10 {
            let job = Fixtures.job(id: "job-\(index)", source: "/p/a-long-name-\(index).png", state: .waitingForAnswer, results: [])
            _ = block.apply(.transition(job, from: .uploading), label: { $0 })
        }
        let now = ContinuousClock.now
        let lines = block.lines(now: now, started: now, tally: RunTally(), expected: 10, width: 30)
        #expect(lines.count == LiveBlock.shownJobs + 2)
        #expect(lines[LiveBlock.shownJobs] == "  … and 2 more")
        #expect(lines.allSatisfy { $0.count <= 30 })
    }

    @Test func aReportErasesTheBlockFirstAndTheSummaryEndsTheRun() async {
        let captured = CapturedOutput()
        let reporter = RunReporter(format: .plain, live: true, output: captured.console)
        await reporter.expect(1)
        let sending = Fixtures.job(state: .uploading, results: [])
        await reporter.handle(.transition(sending, from: .queued))
        #expect(captured.err.contains("  ↑ /pictures/a.png  uploading"))
        await reporter.handle(.transition(Fixtures.job(), from: .downloading))
        #expect(captured.out == "ok\t/pictures/a.png\t/out/a-upscaled-7.png\t96x64\t7\thttp://127.0.0.1:8080/r/7.png\n")
        #expect(captured.err.contains("\u{1B}[2A\r\u{1B}[J"), "the two lines of the block were erased before the report")
        await reporter.finish(stoppedBy: nil)
        #expect(captured.err.contains("\u{1B}[1A\r\u{1B}[J1 done (1 image saved) in "), "the block gives way to the summary: \(captured.err.debugDescription)")
    }
}
