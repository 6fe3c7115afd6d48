import Foundation
import IdeogramKit
import Testing
@testable import TerminalUI

/// Every key of every binding table does something from a state where it applies: the test
/// walks the tables, so a binding added without a working command fails here.
@Suite struct BindingTests {
    /// A state where `command` from `context` has something to act on.
    static func state(for context: BindingContext, _ command: Command) -> AppState {
        var s = Fixtures.state()
        switch context {
        case .anywhere, .outsideText:
            s.files.cursor = 3  // beach.png
        case .files:
            s.files.cursor = command == .enterFolder ? 0 : 3
            if command == .clearFilterOrMarks { s.files.marked = [FilePath("/data/pics/beach.png")] }
        case .filter:
            _ = update(&s, [.key(.char("/")), .key(.char("p"))])
        case .prompt:
            s.focus = .parameters
            _ = update(&s, .paste("one two three four five six seven eight nine ten eleven twelve thirteen"))
            for _ in 0..<20 { _ = update(&s, .key(.left)) }
        case .parameters:
            s.focus = .parameters
            s.parameters.focus = command == .cycleChoice ? .seed : (command == .previousField || command == .nextField ? .detail : .resemblance)
            // Auto is a v2 model's: a set field goes back to it.
            // Digits and the point: a 0-1 slider takes both.
            if command == .typeDigit {
                s.parameters.choose(.topazStandard2)
                s.parameters.models.focus = .denoise
            }
            if command == .setAuto {
                s.parameters.choose(.topazStandard2)
                s.parameters.models.set(.upscaleFactor, .choice("x4"))
            }
        case .results:
            s.focus = .results
            let id: JobRowID = switch command {
            case .cancelJob: "j2"
            case .retryJob, .resultsUp: "j3"
            default: "j1"
            }
            if [.resultsDown, .resultsPageDown, .resultsBottom].contains(command) {
                s.results.selectedID = "j2"
            } else {
                s.results.selectedID = id
            }
            if command == .closeEnlarged { s.results.isEnlarged = true }
        case .details:
            s = Fixtures.detailsState()
            if [.detailsScrollUp, .detailsPageUp].contains(command) { _ = update(&s, .key(.pageDown)) }
        case .help:
            s.overlay = .help(filter: "ab", scroll: 2)
        case .modelChooser:
            s.overlay = .modelChooser(ModelChooser(current: nil))
            if command == .chooserUp { _ = update(&s, .key(.down)) }
            if command == .chooserDeleteBackward { _ = update(&s, .paste("topaz")) }
        case .confirm:
            s.overlay = .confirm(.submit([JobSubmission(sourcePath: "/a.png", request: UpscaleRequest()),
                                          JobSubmission(sourcePath: "/b.png", request: UpscaleRequest())], leftOut: []))
        case .compare:
            s.focus = .results
            s.results.compare = ComparePair(first: "j1", second: "j2")
        case .loupe, .loupePan:
            s = LoupeKeyTests.enlarged()
            if context == .loupePan { _ = update(&s, .key(.char("z"))) }
            if command == .loupeRecentre { _ = update(&s, .key(.left)) }
        }
        return s
    }

    @Test(arguments: BindingContext.allCases)
    func everyBindingActs(context: BindingContext) {
        for binding in BindingTables.table(context) {
            for key in binding.keys {
                var s = Self.state(for: context, binding.command)
                // The key must reach this binding from this state, not another table's.
                let resolved = BindingTables.lookup(key, in: KeyDispatch.contexts(for: s))
                #expect(resolved?.command == binding.command, "\(context) \(key.label) resolves to \(String(describing: resolved?.command))")
                let before = s
                let effects = update(&s, .key(key))
                #expect(s != before || !effects.isEmpty, "\(context) \(key.label) (\(binding.command)) did nothing")
            }
        }
    }

    @Test func everyCommandHasAKey() {
        let bound = Set(BindingContext.allCases.flatMap { BindingTables.table($0).map(\.command) })
        #expect(bound == Set(Command.allCases))
    }

    @Test func noKeyIsBoundTwiceInOneTable() {
        for context in BindingContext.allCases {
            let keys = BindingTables.table(context).flatMap(\.keys)
            #expect(Set(keys).count == keys.count, "\(context) binds a key twice")
        }
    }

    @Test func ctrlSSubmitsFromInsideThePromptEditor() {
        var s = Fixtures.state()
        s.files.cursor = 3
        s.focus = .parameters
        _ = update(&s, .paste("sharp"))
        let effects = update(&s, .key(.ctrl("s")))
        #expect(effects == [.submit([JobSubmission(sourcePath: "/data/pics/beach.png", request: UpscaleRequest(prompt: "sharp"))])])
    }

    @Test func severalImagesAskFirstAndEscBacksOut() {
        var s = Fixtures.state()
        s.files.cursor = 3
        s.parameters.numImages = 3
        _ = update(&s, [.key(.char(" ")), .key(.char(" "))])
        guard case .findRepeats(let subs, let check)? = update(&s, .key(.ctrl("s"))).first else { Issue.record("no repeat check"); return }
        #expect(s.overlay == nil, "the question waits for the repeat check")
        _ = update(&s, .repeatsFound(check: check, paths: []))
        guard case .confirm(.submit(let asked, let leftOut)) = s.overlay else { Issue.record("no question"); return }
        #expect(asked == subs && asked.count == 2 && leftOut.isEmpty)
        #expect(ConfirmOverlayView.text(.submit(asked, leftOut: []))[0].contains("2 images × 3 = 6"))
        _ = update(&s, .key(.escape))
        #expect(s.overlay == nil)
    }

    @Test func invalidParametersAreNeverSubmitted() {
        var s = Fixtures.state()
        s.files.cursor = 3
        s.focus = .parameters
        s.parameters.focus = .resemblance
        _ = update(&s, [.key(.char("1")), .key(.char("5")), .key(.char("0"))])
        #expect(s.parameters.resemblance == 150)
        #expect(update(&s, .key(.ctrl("s"))).isEmpty)
        #expect(s.message?.isError == true)
        _ = update(&s, .key(.left))
        #expect(s.parameters.resemblance == 100)
    }

    /// `r` sends a job again and bills it again: it asks first, `y` sends, `n` does not.
    @Test func resubmitAsksFirst() {
        var s = Fixtures.state()
        s.focus = .results
        s.results.selectedID = "j1"
        #expect(update(&s, .key(.char("r"))).isEmpty, "nothing is sent before the answer")
        guard case .confirm(.resubmit(let id, let source, let images)) = s.overlay else { Issue.record("no question"); return }
        #expect(id == "j1" && images == 1)
        #expect(ConfirmOverlayView.text(.resubmit(id, source: source, images: 1)) == ["Resubmit \(source) as it was?", "The image the service returns is billed again."])
        #expect(ConfirmOverlayView.text(.resubmit(id, source: source, images: 3))[1] == "The 3 images the service returns are billed again.")
        #expect(update(&s, .key(.char("y"))) == [.resubmitJob("j1")])
        #expect(s.overlay == nil && s.message?.text == "resubmitted \(source)")
        _ = update(&s, .key(.char("r")))
        #expect(update(&s, .key(.char("n"))).isEmpty)
        #expect(s.overlay == nil)
    }

    @Test func quitWaitsForSentJobsAndQuitsAtOnceWhenIdle() {
        var s = Fixtures.state()
        #expect(update(&s, .key(.char("q"))) == [.finishSentWork])
        #expect(s.isQuitting && !s.hasQuit)
        var idle = Fixtures.state(withJobs: false)
        #expect(update(&idle, .key(.ctrl("c"))) == [.quit])
    }

    @Test func promptEditorHandlesWideCharactersAndDeletion() {
        var editor = TextEditor("海 sky 🌊")
        #expect(editor.cursor == 7)
        editor.deleteBackward()
        #expect(editor.text == "海 sky ")
        editor.deleteWordBackward()
        #expect(editor.text == "海 ")
        editor.deleteToStart()
        #expect(editor.text.isEmpty)
        let wide = TextEditor("海海海海海")
        #expect(wide.wrappedRows(width: 4).count == 3)
    }

    @Test func filteringAHundredThousandEntriesNarrowsIncrementally() {
        var files = FilesState(path: FilePath("/big"))
        let entries = (0..<100_000).map { FileEntry(name: Array("image-\($0).png".utf8), kind: .file) }
        files.load(DirectoryListing(path: FilePath("/big"), entries: entries))
        files.setFilter("9")
        let nines = files.visible.count
        files.setFilter("99")
        #expect(files.visible.count < nines)
        files.setFilter("999")
        #expect(files.visible.count == 280)
    }

    @Test func mouseClickFocusesAndSelects() {
        var s = Fixtures.state()
        let layout = Layout(size: s.size)
        _ = update(&s, .mouse(MouseEvent(button: .left, x: layout.resultsList.x + 2, y: layout.resultsList.y + 2)))
        #expect(s.focus == .results)
        #expect(s.results.selectedID == "j1")
    }
}
