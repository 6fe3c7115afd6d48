import Foundation
import IdeogramKit
import Testing
@testable import TerminalUI

/// A v2 job's row and details say its model, key fields, state and cost (issue 16), and a
/// narrow row sheds the least useful parts first.
@Suite struct GenerationRowTests {
    static func row(_ state: AppState, containing name: String = "harbour.png") -> String {
        render(state, size: state.size).lines.first { $0.contains(name) } ?? ""
    }

    static let narrow = Size(columns: 80, rows: 24)
    static let wide = Size(columns: 120, rows: 40)

    /// At 120 columns each state reads whole, but a failure's reason, whose tail goes before
    /// the fields do (the details below the list say it whole).
    @Test func eachStateReadsAsTheServiceHasIt() {
        let expected: [JobRowState: String] = [
            .queued: "queued", .uploading: "60%", .waitingForAnswer: "sending", .generating: "generating 0:12",
            .downloading: "downloading", .done: "done 8.0s", .failed: "failed: content_polic…",
        ]
        for (_, jobState) in GenerationFixtures.states {
            let line = Self.row(GenerationFixtures.rowState(jobState, size: Self.wide))
            #expect(line.contains(expected[jobState]!), "\(jobState): \(line)")
            #expect(line.contains("std2") && line.contains("x4 dn.3 subj:fg"), "\(jobState): \(line)")
        }
    }

    @Test func theCostIsBilledOnceKnownElseQuoted() {
        #expect(Self.row(GenerationFixtures.rowState(.queued, size: Self.wide)).contains("~$0.13 quoted"))
        let done = Self.row(GenerationFixtures.rowState(.done, size: Self.wide))
        #expect(done.contains("$0.13") && !done.contains("quoted"))
        #expect(Self.row(GenerationFixtures.rowState(.failed, size: Self.wide)).contains("$0.00"))
    }

    @Test func generatingCountsWithTheTicksTime() {
        var state = GenerationFixtures.rowState(.generating, size: Self.wide)
        #expect(state.needsTicks)
        _ = update(&state, .tick(Fixtures.t0.addingTimeInterval(25 + 63)))
        #expect(Self.row(state).contains("generating 1:15"))
    }

    /// At 80 columns the fields and the cost's label go first; the model, the state and the
    /// amount stay, and nothing passes the pane's border.
    @Test func aNarrowRowKeepsModelStateAndAmount() {
        for (_, jobState) in GenerationFixtures.states {
            let state = GenerationFixtures.rowState(jobState, size: Self.narrow)
            let line = Self.row(state)
            let amount = jobState == .failed ? "$0.00" : "$0.13"
            #expect(line.contains("std2") && line.contains(amount), "\(line)")
            #expect(line.hasSuffix("│"), "the row stays inside the pane: \(line)")
        }
        let failed = Self.row(GenerationFixtures.rowState(.failed, size: Self.narrow))
        #expect(failed.contains("failed: content_"), "the reason is cut, not dropped: \(failed)")
    }

    @Test func legacyRowsShowTheConfiguredEstimate() {
        var state = Fixtures.state(size: Self.wide)
        let beach = Self.row(state, containing: "✓ beach.png")
        #expect(beach.contains("legacy r50 d50 AUTO ×1 s42") && beach.contains("~$0.06 estimate"), "\(beach)")
        #expect(Self.row(state, containing: "↑ sunset.webp").contains("~$0.12 estimate"), "two images asked for")
        state.legacyPriceUSDMicros = 80_000
        #expect(Self.row(state, containing: "✓ beach.png").contains("~$0.08 estimate"), "the configured price")
    }

    @Test func theDetailsShowEveryFieldTheGenerationAndTheMoney() {
        let state = GenerationFixtures.detailsState(size: Self.wide)
        let text = render(state, size: state.size).lines.joined(separator: "\n")
        for expected in ["topaz-standard-2 (faithful)", "upscale_factor x4", "denoise 0.3", "subject_detection foreground",
                         "sharpen: model chooses", "xtdZiqPwRxqY1Y7NExFmzB", "Quote     $0.13", "Billed    $0.13"] {
            #expect(text.contains(expected), "missing \(expected)")
        }
        let notSent = JobRowFields.every(GenerationFixtures.standard).filter { !$0.isSent }.map(\.text)
        #expect(!notSent.contains { $0.hasPrefix("denoise") } && notSent.contains { $0.hasPrefix("face_enhancement:") })
    }

    @Test func compactFieldsFollowTheFormsOrder() {
        #expect(JobRowFields.compact(GenerationFixtures.bloom) == "x2 prompt cr5")
        let tier = try! V2Request(model: .nanoBananaPro, values: [.resolutionTier: .choice("4K")])
        #expect(JobRowFields.compact(tier) == "4K")
        #expect(JobRowFields.modelName(.topazBloom2) == "bloom2" && JobRowFields.modelName(nil) == "legacy")
    }
}
