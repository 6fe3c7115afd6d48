import Foundation
import IdeogramKit
import Testing
@testable import TerminalUI

/// Results that read right: the selection follows new jobs, a retry counts down, the details
/// view shows every image and copies the path of the one shown.
@Suite struct ResultsReadingTests {
    static func row(_ state: AppState, containing name: String) -> String? {
        render(state, size: state.size).lines.first { $0.contains(name) }
    }

    @Test func theSelectionFollowsWhatWasJustSubmitted() {
        var s = Fixtures.state()
        s.focus = .results
        _ = update(&s, .key(.end))
        #expect(s.results.selectedID == "j1")
        let newer = JobRow(id: "j9", sourceName: "new.png", sourcePath: "/data/pics/new.png", state: .queued,
                           request: UpscaleRequest(), submittedAt: Fixtures.t0.addingTimeInterval(30))
        _ = update(&s, .jobsChanged(Fixtures.jobs() + [newer]))
        #expect(s.results.selectedID == "j9")
        #expect(s.results.scrollTop == 0, "the new job is on screen")
        // A change to known jobs leaves the selection where the user put it.
        _ = update(&s, .key(.end))
        _ = update(&s, .jobsChanged(Fixtures.jobs() + [newer]))
        #expect(s.results.selectedID == "j1")
    }

    @Test func aRetryCountsDownWithTheTicks() {
        let start = Fixtures.t0.addingTimeInterval(25)
        var s = Fixtures.resultsState(size: Size(columns: 80, rows: 24), adding: [Fixtures.retryingJob(now: start)])
        #expect(s.needsTicks)
        #expect(Self.row(s, containing: "forest.png")?.contains("retrying in 2 s (attempt 3, 503)") == true)
        _ = update(&s, .tick(start.addingTimeInterval(0.5)))
        #expect(Self.row(s, containing: "forest.png")?.contains("retrying in 1 s (attempt 3, 503)") == true)
        _ = update(&s, .tick(start.addingTimeInterval(1.5)))
        #expect(Self.row(s, containing: "forest.png")?.contains("retrying in 0 s (attempt 3, 503)") == true)
    }

    @Test func aWithheldImageIsNotDone() {
        let s = Fixtures.resultsState(size: Size(columns: 80, rows: 24), adding: [Fixtures.withheldJob()])
        let line = Self.row(s, containing: "crowd.png") ?? ""
        #expect(line.contains("∅ crowd.png") && line.contains("withheld") && !line.contains("✓") && !line.contains("done"))
        #expect(render(s, size: s.size).lines[22].contains("withheld 1"))
    }

    @Test func theDetailsShowEveryImageAndCopyThePathOfTheOneShown() {
        var s = Fixtures.detailsState(image: 0)
        let text = { (s: AppState) in render(s, size: s.size).lines.joined(separator: "\n") }
        #expect(text(s).contains("Image     1 of 8"))
        _ = update(&s, .key(.left))
        #expect(text(s).contains("Image     8 of 8"), "left from the first goes to the last")
        _ = update(&s, [.key(.right), .key(.right), .key(.right)])
        #expect(text(s).contains("Image     3 of 8") && text(s).contains("withheld by the safety check"))
        #expect(update(&s, .key(.char("c"))).isEmpty, "a withheld image has no file")
        #expect(s.message?.isError == true)
        _ = update(&s, .key(.right))
        #expect(update(&s, .key(.char("c"))) == [.copyToClipboard("/data/out/harbour-upscaled-4.png")])
        #expect(update(&s, .key(.char("y"))) == [.copyToClipboard(Fixtures.eightImageJob().images[3].url!)])
        // Scrolled to the end, the saved path is shown whole.
        _ = update(&s, [.key(.pageDown), .key(.pageDown)])
        #expect(text(s).contains("/data/out/harbour-upscaled-4.png"))
        _ = update(&s, .key(.escape))
        #expect(s.results.details == nil && !text(s).contains("Details ·"))
    }

    /// Where it has room (160x48), the details view shows the picture of the image it is on.
    @Test func theDetailsPictureFollowsTheImageShown() {
        var s = Fixtures.detailsState(size: Size(columns: 160, rows: 48), image: 0)
        #expect(s.previews[.enlarged].request?.path == FilePath("/data/out/harbour-upscaled-1.png"))
        let effects = update(&s, .key(.right))
        #expect(effects.contains { if case .loadPreview(.enlarged, let key) = $0 { key.path == FilePath("/data/out/harbour-upscaled-2.png") } else { false } })
        // The 3rd was withheld: no picture to ask for, and the view says why.
        #expect(update(&s, .key(.right)).contains(.cancelPreview(.enlarged)))
        #expect(render(s, size: s.size).lines.joined().contains("no picture: withheld by the safety check"))
        // At 80x24 the text has the whole view.
        #expect(Fixtures.detailsState(image: 0).previews[.enlarged].request == nil)
    }
}
