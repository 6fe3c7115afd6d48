import Foundation
import IdeogramKit
import Testing
@testable import TerminalUI

/// A job the daily cap holds says so on its row and in its details, does not spin, and the
/// status bar says how to raise the cap (issue 16).
@Suite struct CapHoldTests {
    static let hold = "held: today $4.20 + this $0.42 would pass the cap $4.50; raise it with --max-spend or max_spend_usd_per_day"

    static func state() -> AppState {
        var held = GenerationFixtures.standardJob(.queued)
        held.capHold = hold
        var state = Fixtures.resultsState(size: Size(columns: 120, rows: 40), adding: [held])
        GenerationFixtures.select(held.id, &state)
        return state
    }

    @Test func theRowTheDetailsAndTheStatusBarSayItAndHowToRaiseIt() {
        let state = Self.state()
        let lines = render(state, size: state.size).lines
        let row = lines.first { $0.contains("harbour.png") && $0.contains("std2") } ?? ""
        #expect(row.contains("held: daily cap"), "\(row)")
        #expect(lines.contains { $0.contains("Held") && $0.contains("would pass the cap $4.50") }, "the details give the figures")
        #expect(lines.last(where: { $0.contains("held by the daily cap") })?.contains("raise max_spend_usd_per_day in config.toml") == true)
    }

    @Test func aHeldJobDoesNotKeepTheTicksComing() {
        var state = Self.state()
        _ = update(&state, .jobsChanged(state.results.queueJobs.filter { $0.capHold != nil }))
        #expect(!state.needsTicks, "nothing moves until the cap is raised")
    }
}
