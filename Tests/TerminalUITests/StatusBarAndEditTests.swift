import Foundation
import IdeogramKit
import Testing
@testable import TerminalUI

/// The status bar's key and message, the mark cell, and what `e` leaves behind.
@Suite struct StatusBarAndEditTests {
    static func statusLine(_ state: AppState) -> String {
        let screen = render(state, size: state.size)
        return screen.lines[Layout(size: state.size).statusBar.y]
    }

    @Test func theKeyShowsAsItsLastFourOrNotAtAll() {
        #expect(ConnectionInfo(endpoint: "e", dialect: "d", redactedKey: "…wxyz").redactedKey == "wxyz")
        #expect(ConnectionInfo(endpoint: "e", dialect: "d", redactedKey: "…").redactedKey == "")
        var s = Fixtures.state(size: Size(columns: 160, rows: 48))
        s.connection = ConnectionInfo(endpoint: "https://x.test/upscale", dialect: "official", redactedKey: "…wxyz")
        #expect(Self.statusLine(s).contains("key …wxyz ·"))
        s.connection = ConnectionInfo(endpoint: "https://x.test/upscale", dialect: "official", redactedKey: "…")
        #expect(Self.statusLine(s).contains("key set"))
        #expect(!Self.statusLine(s).contains("……"))
        s.connection = ConnectionInfo(endpoint: "https://x.test/upscale", dialect: "official", isDemo: true)
        #expect(!Self.statusLine(s).contains("key"))
    }

    @Test func theMessageUsesTheRoomThereIsAndEndsInAnEllipsis() {
        for columns in [80, 120, 200] {
            var s = Fixtures.state(size: Size(columns: columns, rows: 24))
            let text = "beach.png: the service answered 503 and will be retried in 4 seconds; nothing was billed"
            s.message = StatusMessage(text, isError: true)
            let line = Self.statusLine(s)
            #expect(line.contains("queued 0 active 1") && line.contains("beach.png: the service"), "\(columns) columns: \(line)")
            if columns >= 200 {
                #expect(line.contains(text) && line.contains("(official)"), "\(columns) columns: \(line)")
            } else {
                // Cut where the bar ends, with an ellipsis, not 80 columns in.
                #expect(line.hasSuffix("…"), "\(columns) columns: \(line)")
                #expect(DisplayWidth.of(line) == columns)
            }
        }
        // No message: the whole summary.
        let quiet = Self.statusLine(Fixtures.state(size: Size(columns: 160, rows: 48)))
        #expect(quiet.contains("https://api.ideogram.ai/upscale (official)"))
    }

    @Test func anUnmarkedRowHasNoColouredMarkCell() {
        let s = Fixtures.state()
        let screen = render(s, size: s.size)
        let list = Layout(size: s.size).filesList
        let cell = screen[list.x, list.y + s.files.cursor - s.files.scrollTop]
        #expect(cell.style.foreground == .terminalDefault)
    }

    @Test func aLoadedJobIsForgottenOnceSubmitted() {
        var s = Fixtures.state()
        s.focus = .results
        s.results.selectedID = "j1"
        _ = update(&s, .key(.char("e")))
        #expect(s.parameters.loadedFrom?.id == "j1")
        _ = update(&s, .key(.right))  // tweak resemblance
        let effects = update(&s, .key(.ctrl("s")))
        guard case .submit(let subs) = effects.first else { Issue.record("no submission: \(effects)"); return }
        #expect(subs.map(\.sourcePath) == ["/data/pics/beach.png"])
        #expect(subs.first?.basedOn == "j1")
        #expect(s.parameters.loadedFrom == nil)
        // The next Ctrl-S is about the files pane again.
        s.files.cursor = s.files.visible.firstIndex { s.files.entries[$0].displayName == "sunset.webp" } ?? 0
        guard case .submit(let next) = update(&s, .key(.ctrl("s"))).first else { Issue.record("no second submission"); return }
        #expect(next.map(\.sourcePath) == ["/data/pics/sunset.webp"])
        #expect(next.first?.basedOn == nil)
    }
}
