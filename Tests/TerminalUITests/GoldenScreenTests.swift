import Foundation
import Testing
@testable import TerminalUI

/// Renders chosen states and compares them with text files under Goldens/.
/// `UPDATE_GOLDENS=1 swift test --filter TerminalUITests` rewrites them.
@Suite struct GoldenScreenTests {
    static let sizes = [Size(columns: 80, rows: 24), Size(columns: 160, rows: 48)]

    static func scenes(_ size: Size) -> [(String, AppState)] {
        var main = Fixtures.state(size: size)
        _ = update(&main, .key(.char(" ")))  // mark a folder: refused, message shown
        var marked = Fixtures.state(size: size)
        marked.files.cursor = 3
        _ = update(&marked, [.key(.char(" ")), .key(.char(" "))])
        var editing = Fixtures.state(size: size)
        editing.focus = .parameters
        _ = update(&editing, .paste("A calm sea, 海 and sky 🌊 at dusk"))
        _ = update(&editing, [.key(.enter), .key(.char("1")), .key(.char("5")), .key(.char("0"))])
        var help = Fixtures.state(size: size)
        _ = update(&help, [.key(.char("?")), .key(.char("s")), .key(.char("o"))])
        var confirm = marked
        _ = update(&confirm, [.key(.ctrl("s")), .repeatsFound(check: 1, paths: [])])
        var results = Fixtures.state(size: size, noColor: true)
        results.focus = .results
        _ = update(&results, .key(.end))
        var empty = Fixtures.state(size: size, withJobs: false)
        _ = update(&empty, [.key(.char("/")), .key(.char("n"))])
        return [("main", main), ("marked", marked), ("editing", editing), ("help", help), ("confirm", confirm),
                ("results-nocolor", results), ("filter", empty), ("paused", Fixtures.pausedState(size: size))]
            + previewScenes(size) + resultScenes(size) + trustScenes(size)
    }

    /// Results that must read right: a withheld image, a retry counting down, every image.
    static func resultScenes(_ size: Size) -> [(String, AppState)] {
        let withheld = Fixtures.resultsState(size: size, adding: [Fixtures.withheldJob()])
        let start = Fixtures.t0.addingTimeInterval(25)
        let retrying = Fixtures.resultsState(size: size, adding: [Fixtures.retryingJob(now: start)])
        return [("withheld", withheld), ("retrying", retrying), ("details", Fixtures.detailsState(size: size, image: 1)),
                ("unsupported-images", Fixtures.unsupportedImagesState(size: size))]
    }

    /// The questions and states that keep money safe: a cost question naming the files with a
    /// count and the repeats left out, and the quit that waits for paid answers.
    static func trustScenes(_ size: Size) -> [(String, AppState)] {
        var repeats = Fixtures.state(size: size)
        repeats.parameters.seed = .fixed(42)
        repeats.parameters.numImages = 2
        let names = ["a.png", "b.png", "c.png", "d.png", "e.png", "f.png"]
        _ = update(&repeats, .directoryListed(DirectoryListing(path: FilePath("/data/pics"), entries: names.map {
            FileEntry(name: Array($0.utf8), kind: .file, size: 10, modified: 1)
        })))
        for _ in names { _ = update(&repeats, .key(.char(" "))) }
        _ = update(&repeats, [.key(.ctrl("s")), .repeatsFound(check: 1, paths: ["/data/pics/b.png"])])
        var quitting = Fixtures.state(size: size)
        _ = update(&quitting, .key(.char("q")))
        return [("confirm-repeats", repeats), ("quitting", quitting)]
    }

    /// States holding loaded previews, the pictures made in the test (the core is pure).
    static func previewScenes(_ size: Size) -> [(String, AppState)] {
        var file = Fixtures.state(size: size)
        for _ in 0..<3 { PictureFixtures.deliver(update(&file, .key(.down)), into: &file, facts: PictureFixtures.facts) }
        var results = Fixtures.state(size: size)
        results.focus = .results
        PictureFixtures.deliver(update(&results, .key(.end)), into: &results, facts: PictureFixtures.facts)
        var enlarged = results
        PictureFixtures.deliver(update(&enlarged, .key(.char("v"))), into: &enlarged, facts: PictureFixtures.facts)
        var failed = Fixtures.state(size: size)
        for _ in 0..<4 { _ = update(&failed, .key(.down)) }
        if let key = failed.previews[.file].request {
            _ = update(&failed, .previewLoaded(.file, key, .failed("PNG is truncated: the file ends before the image does")))
        }
        return [("preview-file", file), ("preview-results", results), ("preview-enlarged", enlarged), ("preview-failed", failed)]
    }

    /// From `Layout.previewBesideColumns` on, the file preview sits beside the list.
    @Test func filePreviewBesideTheListOnAWideTerminal() throws {
        let size = Size(columns: 200, rows: 50)
        for (name, state) in Self.previewScenes(size) where name == "preview-file" {
            try check(render(state, size: size), name: "\(name)-200x50")
        }
    }

    @Test(arguments: sizes)
    func goldenScreens(size: Size) throws {
        for (name, state) in Self.scenes(size) {
            try check(render(state, size: size), name: "\(name)-\(size.columns)x\(size.rows)")
        }
    }

    /// However narrow, the status bar keeps the billed count and the footer keeps Ctrl-S.
    @Test func theMoneyAndTheSubmitKeyStayAt80x24() {
        let size = Size(columns: 80, rows: 24)
        for (name, state) in Self.scenes(size) {
            let lines = render(state, size: size).lines
            #expect(lines[size.rows - 2].contains("billed "), "\(name): \(lines[size.rows - 2])")
            if case .confirm = state.overlay { continue }
            #expect(lines[size.rows - 1].contains("Ctrl-S submit"), "\(name): \(lines[size.rows - 1])")
        }
    }

    @Test func tooSmallScreenRecoversOnResize() throws {
        var state = Fixtures.state(size: Size(columns: 40, rows: 10))
        let small = render(state, size: state.size)
        try check(small, name: "too-small-40x10")
        #expect(small.lines.joined().contains("Terminal too small"))
        _ = update(&state, .resize(Size(columns: 80, rows: 24)))
        #expect(!render(state, size: state.size).lines.joined().contains("too small"))
    }

    @Test func noEscapeCharacterReachesTheScreen() {
        let screen = render(Fixtures.state(), size: Size(columns: 160, rows: 48))
        for cell in screen.cells {
            for scalar in cell.character.unicodeScalars { #expect(scalar.value >= 0x20 && !(0x7F...0x9F).contains(scalar.value)) }
        }
    }

    @Test func theKeyShowsAtMostFourCharacters() {
        let text = render(Fixtures.state(), size: Size(columns: 160, rows: 48)).lines.joined()
        #expect(text.contains("…WXYZ"))
        #expect(!text.contains("fWXYZ"))
    }

    func check(_ screen: Screen, name: String) throws {
        try GoldenFile.check(screen, name: name)
    }
}
