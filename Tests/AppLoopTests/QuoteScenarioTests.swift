import AppLoop
import AppLoopTesting
import IdeogramKit
import Testing
import TerminalUI

/// The price in the loop: asked of the queue once the request has stood still, answered as an
/// event, sent with the job.
@Suite struct QuoteScenarioTests {
    @Test func aQuoteIsAskedAfterThePauseNotPerKeyAndAnsweredAsAnEvent() async throws {
        let scenario = try await Scenario.begin()
        let terminal = scenario.terminal
        // One burst: select beach.png, choose topaz-standard-2, go to its fields and step the
        // factor twice (x2, then x4). Only the request that stands still is quoted.
        await terminal.press(.down, .char("m"), .char("s"), .char("t"), .char("a"), .char("n"), .char("d"), .enter,
                             .tab, .right, .right)
        try await terminal.waitUntil(screenContains: "$0.40")
        let quoted = scenario.jobs.quoted
        #expect(quoted.count == 1, "one quote, not one per key: \(quoted.map(\.request))")
        #expect(quoted.first?.path == scenario.folder.path + "/beach.png")
        #expect(quoted.first?.request == (try V2Request(model: .topazStandard2, values: [.upscaleFactor: .choice("x4")])))

        // One image under the threshold is sent at once, with the price shown.
        await terminal.press(.ctrl("s"))
        try await terminal.waitUntil(screenContains: "submitted 1 job")
        let sent = scenario.jobs.submitted
        #expect(sent.first?.v2Request?.model == .topazStandard2)
        #expect(sent.first?.quote == PriceQuote(usdMicros: 400_000, qualifier: .exact))
        try await scenario.quit()
    }

    @Test func todaysSpendFromTheQueueReachesTheStatusBar() async throws {
        let scenario = try await Scenario.begin()
        scenario.jobs.setSpend(SpendStatus(todayUSDMicros: 3_120_000, capUSDMicros: 10_000_000))
        try await scenario.terminal.waitUntil(screenContains: "today $3.12 / cap $10.00")
        try await scenario.quit()
    }
}
