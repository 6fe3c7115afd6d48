import Foundation
import IdeogramKit
import Testing
@testable import TerminalUI

/// Marking two jobs and comparing them: the marks, the view's pictures and the way back.
@Suite struct CompareTests {
    static let size = Size(columns: 120, rows: 40)

    static func state() -> AppState {
        Fixtures.resultsState(size: size, adding: [GenerationFixtures.standardJob(.done), GenerationFixtures.bloomJob()])
    }

    static func text(_ state: AppState) -> String { render(state, size: state.size).lines.joined(separator: "\n") }

    @Test func atMostTwoMarksTheThirdReplacingTheOldest() {
        var s = Self.state()
        _ = update(&s, [.key(.home), .key(.char(" "))])
        #expect(s.results.selectedIndex == 1, "marking moves on")
        _ = update(&s, [.key(.char(" ")), .key(.char(" "))])
        #expect(s.results.marks == [s.results.jobs[1].id, s.results.jobs[2].id])
        #expect(Self.text(s).contains("2 marked"))
        let rows = render(s, size: s.size).lines
        #expect(rows.contains { $0.contains("1✓") } && rows.contains { $0.contains("2✓") })
        // Space on a marked job unmarks it.
        _ = update(&s, [.key(.up), .key(.char(" "))])
        #expect(s.results.marks == [s.results.jobs[1].id])
    }

    @Test func cWithFewerThanTwoMarksSaysWhatToDo() {
        var s = Self.state()
        #expect(update(&s, .key(.char("c"))).isEmpty)
        #expect(s.results.compare == nil && s.message?.text == "no job is marked: mark two jobs with Space, then c compares them")
        _ = update(&s, [.key(.char(" ")), .key(.char("c"))])
        #expect(s.results.compare == nil && s.message?.text.hasPrefix("one job is marked") == true)
    }

    @Test func theViewLoadsItsPicturesAndDropsThemWhenClosed() {
        var s = GenerationFixtures.compareState(size: Self.size)
        #expect(s.showsCompare)
        #expect(s.previews[.compareFirst].request?.path == FilePath("/data/out/harbour-std2.png"))
        #expect(s.previews[.compareSecond].request?.path == FilePath("/data/out/harbour-bloom2.png"))
        #expect(s.previews[.compareSource].request?.path == FilePath("/data/pics/harbour.png"))
        for slot in PreviewSlot.allCases where !PreviewSlot.compareSlots.contains(slot) {
            #expect(s.previews[slot].request == nil, "\(slot) waits under the compare view (pixels would sit above it)")
        }
        let text = Self.text(s)
        for expected in ["topaz-standard-2 x4", "topaz-bloom-2 x2", "denoise 0.3", "creativity 5", "4096×3072 · $0.13",
                         "2048×1536 · $0.38", "Source harbour.png 1024×768"] {
            #expect(text.contains(expected), "missing \(expected)")
        }
        let asked = s.previews[.compareFirst].request!
        let effects = update(&s, .key(.escape))
        #expect(!s.showsCompare && effects.contains(.cancelPreview(.compareFirst)))
        // A picture that arrives after the view closed is not kept.
        _ = update(&s, .previewLoaded(.compareFirst, asked, .failed("late")))
        #expect(s.previews[.compareFirst].content == nil)
    }

    @Test func escReturnsToTheLargerViewItCameFrom() {
        var s = Self.state()
        _ = update(&s, [.key(.home), .key(.char(" ")), .key(.char(" ")), .key(.char("v")), .key(.char("c"))])
        #expect(s.showsCompare && s.results.isEnlarged)
        #expect(!Self.text(s).contains("v or Esc: back"), "the compare view covers the larger view")
        _ = update(&s, .key(.escape))
        #expect(s.showsEnlargedResult)
    }

    /// At 80x24 there is no room for the source; with two sources the title says so.
    @Test func twoSourcesAreNamedEvenWithoutRoomForThePicture() {
        let s = GenerationFixtures.compareState(size: Size(columns: 80, rows: 24), bloomSource: "/data/pics/beach.png")
        #expect(s.previews[.compareSource].request == nil)
        #expect(Self.text(s).contains("Compare · two different sources"))
    }

    @Test func theKeysAreInTheHelpAndCopyingThePathMovedToShiftY() {
        var s = Self.state()
        _ = update(&s, [.key(.char("?"))] + "compar".map { .key(.char($0)) })
        let help = Self.text(s)
        #expect(help.contains("Compare the two marked jobs side by side") && help.contains("Mark or unmark the job for comparing"))
        _ = update(&s, [.key(.escape), .key(.end)])
        #expect(update(&s, .key(.char("Y"))) == [.copyToClipboard(s.results.selectedJob!.localFile!)])
    }
}
