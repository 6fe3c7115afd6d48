import AppLoop
import AppLoopTesting
import Foundation
import IdeogramKit
import Testing
import TerminalUI

/// Issue 14 in-process: paid requests are seen through on the first quit, nothing is billed
/// without a question, and the results pane shows the history.
@Suite struct TrustScenarioTests {
    /// Marks beach.png and city.png, submits them (answering the cost question), and the
    /// service starts working on both.
    static func twoSent(_ scenario: Scenario) async throws {
        let terminal = scenario.terminal
        await scenario.mark(rows: [1, 2])
        await terminal.press(.ctrl("s"))
        try await terminal.waitUntil(screenContains: "Upscale 2 images × 1 = 2 billed images?")
        try await terminal.waitUntil(screenContains: "beach.png, city.png")
        await terminal.press(.char("y"))
        try await terminal.waitUntil(screenContains: "submitted 2 jobs")
        try await scenario.waitForSubmitted(2)
        scenario.jobs.sendQueued()
        try await terminal.waitUntil(screenContains: "active 2")
    }

    @Test func theFirstQuitWaitsForPaidAnswersThenEndsByItself() async throws {
        let scenario = try await Scenario.begin()
        defer { scenario.folder.remove() }
        let terminal = scenario.terminal
        try await Self.twoSent(scenario)
        await terminal.press(.char("q"))
        try await terminal.waitUntil(screenContains: "waiting for 2 answers already paid for; q again abandons them")
        // The screen says so as soon as `update` ran; the queue call follows on the effect lane.
        let deadline = Date().addingTimeInterval(10)
        while !scenario.jobs.finishRequested && Date() < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(scenario.jobs.finishRequested)
        #expect(!(await terminal.isStopped), "still waiting")
        // The UI keeps working while it waits: the results pane is reachable.
        await terminal.press(.tab, .tab)
        try await terminal.waitUntil(screenContains: "Results")
        scenario.jobs.answerSent()
        let state = try await scenario.loop.value
        #expect(state.hasQuit)
        #expect(state.results.jobs.allSatisfy { $0.state == .done && $0.localFile != nil }, "both results saved before the end")
        #expect(await terminal.isStopped)
    }

    @Test func aSecondQuitAbandonsTheSentRequests() async throws {
        let scenario = try await Scenario.begin()
        defer { scenario.folder.remove() }
        let terminal = scenario.terminal
        try await Self.twoSent(scenario)
        await terminal.press(.char("q"))
        try await terminal.waitUntil(screenContains: "q again abandons them")
        await terminal.press(.ctrl("c"))
        let state = try await scenario.loop.value
        #expect(state.hasQuit)
        #expect(state.results.jobs.filter { $0.state == .waitingForAnswer }.count == 2, "left to the queue's close: outcome unknown")
        scenario.jobs.close()
    }

    @Test func cancellingASentJobAsksWhatItCostsFirst() async throws {
        let scenario = try await Scenario.begin()
        let terminal = scenario.terminal
        try await Self.twoSent(scenario)
        await terminal.press(.tab, .tab)
        await terminal.press(.char("x"))
        try await terminal.waitUntil(screenContains: "Its request is already sent:")
        try await terminal.waitUntil(screenContains: "likely billed anyway, and the result would be lost.")
        await terminal.press(.char("n"))
        try await terminal.waitUntil("the question closed") { !$0.lines.joined().contains("already sent") }
        #expect(scenario.jobs.cancelled.isEmpty)
        await terminal.press(.char("x"), .char("y"))
        try await terminal.waitUntil(screenContains: "cancelled")
        #expect(scenario.jobs.cancelled.count == 1)
        scenario.jobs.answerSent()
        try await scenario.quit()
    }

    @Test func repeatsAreLeftOutOfTheQuestionAndNotSent() async throws {
        let scenario = try await Scenario.begin()
        let terminal = scenario.terminal
        let beach = scenario.folder.path + "/beach.png"
        scenario.jobs.setRepeated([beach])
        await scenario.mark(rows: [1, 2, 3])
        await terminal.press(.ctrl("s"))
        try await terminal.waitUntil(screenContains: "Upscale 2 images × 1 = 2 billed images?")
        try await terminal.waitUntil(screenContains: "Not sent again (already upscaled): beach.png")
        await terminal.press(.enter)
        try await terminal.waitUntil(screenContains: "submitted 2 jobs")
        #expect(scenario.jobs.submitted.map(\.sourcePath).sorted() == ["city.png", "forest.png"].map { scenario.folder.path + "/" + $0 })

        // Everything marked repeats: nothing is asked, nothing sent, the status bar says why.
        scenario.jobs.setRepeated([beach, scenario.folder.path + "/city.png"])
        await terminal.press(.home)
        await scenario.mark(rows: [1, 2])
        await terminal.press(.ctrl("s"))
        try await terminal.waitUntil(screenContains: "already upscaled, not sent: beac")
        #expect(scenario.jobs.submitted.count == 2)
        let state = try await scenario.quit()
        #expect(state.message?.text.hasPrefix("already upscaled, not sent: beach.png, city.png") == true)
        #expect(state.overlay == nil)
    }

    static func earlier(_ n: Int) -> JobRow {
        JobRow(id: JobRowID("old-\(n)"), sourceName: "old\(n).png", sourcePath: "/earlier/old\(n).png",
               state: n == 0 ? .outcomeUnknown : .done, request: UpscaleRequest(),
               submittedAt: Scenario.start.addingTimeInterval(-Double(n) - 1), mayHaveBeenBilled: n == 0)
    }

    @Test func theHistoryShowsAtStartAndPagesInAsTheUserScrolls() async throws {
        let scenario = try await Scenario.begin(history: (0..<450).map(Self.earlier))
        let terminal = scenario.terminal
        await terminal.press(.tab, .tab)
        try await terminal.waitUntil(screenContains: "old0.png")
        #expect(scenario.jobs.historyRequests == [nil])
        // R works on a job of an earlier run, and names its file.
        await terminal.press(.char("R"))
        try await terminal.waitUntil(screenContains: "Retry old0.png?")
        await terminal.press(.escape)
        await terminal.press(.end)
        try await terminal.waitUntil("the second page asked for") { _ in scenario.jobs.historyRequests.count == 2 }
        #expect(scenario.jobs.historyRequests == [nil, HistoryCursor(sequence: Int64(HistoryPaging.firstPageSize))])
        // 450 jobs: the first page, two more (the second of them short: no more after it).
        try await terminal.waitUntil("the second page shown") { _ in scenario.jobs.historyRequests.count == 2 }
        await terminal.press(.end)
        try await terminal.waitUntil("the third page asked for") { _ in scenario.jobs.historyRequests.count == 3 }
        await terminal.press(.end)
        try await terminal.waitUntil(screenContains: "old449.png")
        #expect(scenario.jobs.historyRequests.count == 3, "the last page said there is no more")
        try await scenario.quit()
    }
}
