import Foundation
import IdeogramKit
import Testing
@testable import TerminalUI

/// Issue 14, "trust with money": nothing is billed without a question, paid results are not
/// abandoned by one key, and the results pane shows the history.
@Suite struct TrustWithMoneyTests {
    /// The effects that send or lead to sending (previews follow the selection too).
    static func sending(_ effects: [Effect]) -> [Effect] {
        effects.filter { if case .submit = $0 { true } else if case .findRepeats = $0 { true } else { false } }
    }

    static func submits(_ effects: [Effect]) -> Bool { !sending(effects).isEmpty }

    @Test func sSubmitsNothingInAnyPane() {
        for pane in Pane.allCases where pane != .parameters {
            var s = Fixtures.state()
            s.files.cursor = 3
            s.focus = pane
            #expect(!Self.submits(update(&s, .key(.char("s")))), "s submitted from \(pane)")
        }
    }

    @Test func oneImageIsSentAtOnceButOneFileWithEightImagesAsks() {
        var one = Fixtures.state()
        one.files.cursor = 3
        #expect(Self.sending(update(&one, .key(.ctrl("s")))) == [.submit([JobSubmission(sourcePath: "/data/pics/beach.png", request: UpscaleRequest())])])

        var eight = Fixtures.state()
        eight.files.cursor = 3
        eight.parameters.numImages = 8
        let effects = Self.sending(update(&eight, .key(.ctrl("s"))))
        #expect(effects == [.findRepeats([JobSubmission(sourcePath: "/data/pics/beach.png", request: eight.parameters.request)], check: 1)])
        _ = update(&eight, .repeatsFound(check: 1, paths: []))
        guard case .confirm(let question) = eight.overlay else { Issue.record("no question"); return }
        #expect(ConfirmOverlayView.text(question)[0] == "Upscale 1 image × 8 = 8 billed images?")
        #expect(ConfirmOverlayView.text(question)[1] == "beach.png")
        #expect(update(&eight, .key(.char("y"))) == [.submit([JobSubmission(sourcePath: "/data/pics/beach.png", request: eight.parameters.request)])])
    }

    /// Marks six files: the question names the first three and counts the rest.
    static func sixMarked(seed: Int?) -> AppState {
        var s = Fixtures.state()
        if let seed { s.parameters.seed = .fixed(seed) }
        let names = ["a.png", "b.png", "c.png", "d.png", "e.png", "f.png"]
        _ = update(&s, .directoryListed(DirectoryListing(path: FilePath("/data/pics"), entries: names.map {
            FileEntry(name: Array($0.utf8), kind: .file, size: 10, modified: 1)
        })))
        for _ in names { _ = update(&s, .key(.char(" "))) }
        return s
    }

    @Test func repeatsAreLeftOutBeforeAskingAndNamed() {
        var s = Self.sixMarked(seed: 7)
        _ = update(&s, .key(.ctrl("s")))
        _ = update(&s, .repeatsFound(check: 1, paths: ["/data/pics/a.png", "/data/pics/c.png"]))
        guard case .confirm(.submit(let kept, let leftOut)) = s.overlay else { Issue.record("no question"); return }
        #expect(kept.map(\.sourcePath) == ["b.png", "d.png", "e.png", "f.png"].map { "/data/pics/" + $0 })
        #expect(leftOut == ["/data/pics/a.png", "/data/pics/c.png"])
        let text = ConfirmOverlayView.text(.submit(kept, leftOut: leftOut))
        #expect(text == ["Upscale 4 images × 1 = 4 billed images?", "b.png, d.png, e.png and 1 more",
                         "Not sent again (already upscaled with seed 7): a.png, c.png",
                         "Each image the service returns is billed."])
        #expect(update(&s, .key(.char("y"))) == [.submit(kept)])
    }

    @Test func whenEveryFileRepeatsNothingIsAskedOrSent() {
        var s = Self.sixMarked(seed: 7)
        _ = update(&s, .key(.ctrl("s")))
        let all = Set(["a.png", "b.png", "c.png", "d.png", "e.png", "f.png"].map { "/data/pics/" + $0 })
        #expect(update(&s, .repeatsFound(check: 1, paths: all)).isEmpty)
        #expect(s.overlay == nil)
        #expect(s.message?.isError == true)
        #expect(s.message?.text.hasPrefix("already upscaled with seed 7, not sent: a.png, b.png, c.png and 3 more") == true)
    }

    @Test func anAnswerToAnOlderCheckIsDropped() {
        var s = Self.sixMarked(seed: nil)
        _ = update(&s, .key(.ctrl("s")))
        _ = update(&s, .key(.ctrl("s")))
        #expect(update(&s, .repeatsFound(check: 1, paths: [])).isEmpty)
        #expect(s.overlay == nil)
        _ = update(&s, .repeatsFound(check: 2, paths: []))
        guard case .confirm(.submit(let kept, _)) = s.overlay else { Issue.record("no question"); return }
        #expect(kept.count == 6)
    }

    @Test func theRetryQuestionNamesTheFile() {
        var s = Fixtures.state()
        s.focus = .results
        s.results.selectedID = "j3"
        _ = update(&s, .key(.char("R")))
        guard case .confirm(let question) = s.overlay else { Issue.record("no question"); return }
        #expect(ConfirmOverlayView.text(question)[0] == "Retry 城市.jpg?")
        #expect(update(&s, .key(.char("y"))) == [.retryJob("j3")])
    }

    @Test func cancellingASentJobAsksAndSaysWhatItCosts() {
        var s = Fixtures.state()
        s.focus = .results
        s.results.selectedID = "j2"
        #expect(update(&s, .key(.char("x"))).isEmpty, "nothing is cancelled before the answer")
        guard case .confirm(let question) = s.overlay else { Issue.record("no question"); return }
        #expect(ConfirmOverlayView.text(question) == ["Cancel sunset.webp? Its request is being sent:",
                                                      "Once the service has it all, its 2 images are billed and the result would be lost."])
        #expect(ConfirmOverlayView.text(.cancel("j2", source: "sunset.webp", images: 1, state: .waitingForAnswer)) ==
                ["Cancel sunset.webp? Its request is already sent:", "Its image is likely billed anyway, and the result would be lost."])
        #expect(update(&s, .key(.char("y"))) == [.cancelJob("j2")])

        var queued = Fixtures.pausedState(size: Size(columns: 80, rows: 24))
        queued.results.selectedID = "j4"
        #expect(update(&queued, .key(.char("x"))) == [.cancelJob("j4")], "a queued job costs nothing: no question")
    }

    @Test func theFirstQuitWaitsVisiblyTheSecondAbandons() {
        var s = Fixtures.state()
        #expect(update(&s, .key(.char("q"))) == [.finishSentWork])
        let bar = render(s, size: s.size).lines[s.size.rows - 2]
        #expect(bar.contains("waiting for 1 answer already paid for; q again abandons it"))
        // It keeps updating while it waits, and sends nothing new.
        _ = update(&s, .tick(Fixtures.t0.addingTimeInterval(30)))
        s.files.cursor = 3
        #expect(!Self.submits(update(&s, .key(.ctrl("s")))))
        #expect(s.message?.text == "quitting: nothing new is sent")
        var twice = s
        #expect(update(&twice, .key(.ctrl("c"))) == [.quit])
        #expect(twice.hasQuit)
        // Once the paid answers are in, it ends by itself.
        #expect(update(&s, .sentWorkFinished) == [.quit])
        #expect(s.hasQuit)
    }

    /// A job sent a moment ago may not be in the rows yet: the quit still asks the queue, and
    /// keys typed after the quit send nothing.
    @Test func aQuitJustAfterSubmittingAsksTheQueueFirst() {
        var s = Fixtures.state()
        s.results.replaceJobs([])
        s.files.cursor = 3
        #expect(Self.submits(update(&s, .key(.ctrl("s")))))
        #expect(update(&s, .key(.char("q"))) == [.finishSentWork])

        var idle = Fixtures.state()
        idle.results.replaceJobs([])
        #expect(update(&idle, .key(.char("q"))) == [.quit], "nothing sent this run: it quits at once")
        idle.files.cursor = 3
        #expect(!Self.submits(update(&idle, .key(.ctrl("s")))), "typed ahead after the quit")
    }

    static func historyRow(_ n: Int) -> JobRow {
        JobRow(id: JobRowID("h\(n)"), sourceName: "old\(n).png", sourcePath: "/data/old\(n).png", state: .done,
               request: UpscaleRequest(), submittedAt: Fixtures.t0.addingTimeInterval(-Double(n)))
    }

    @Test func theHistoryJoinsTheResultsNewestFirstWithoutDuplicates() {
        var s = Fixtures.state()
        #expect(s.initialEffects.contains(.loadHistory(olderThan: nil, limit: HistoryPaging.firstPageSize)))
        // The history also holds this run's j1 (older state): the queue's row wins.
        var staleJ1 = Fixtures.jobs()[0]
        staleJ1.state = .waitingForAnswer
        _ = update(&s, .historyLoaded(HistoryPage(rows: [staleJ1] + (1...3).map(Self.historyRow), next: nil)))
        #expect(s.results.jobs.map(\.id.rawValue) == ["j2", "j3", "j1", "h1", "h2", "h3"])
        #expect(s.results.jobs.first { $0.id == "j1" }?.state == .done)
        #expect(s.results.inFlightCount == 1, "history rows are not this run's work")
        // Every results key works on a history job.
        s.focus = .results
        s.results.selectedID = "h2"
        #expect(update(&s, .key(.char("r"))).isEmpty)
        #expect(update(&s, .key(.char("y"))) == [.resubmitJob("h2")])
    }

    /// The selection follows what this run submits, and nothing else: a history page read
    /// while scrolling, or a job an earlier run left queued (held), leaves it where it is.
    @Test func onlyThisRunsSubmissionsMoveTheSelection() {
        var s = Fixtures.state()
        s.focus = .results
        _ = update(&s, .historyLoaded(HistoryPage(rows: (1...3).map(Self.historyRow), next: HistoryCursor(sequence: 4))))
        s.results.selectedID = "h2"
        _ = update(&s, .historyLoaded(HistoryPage(rows: (4...6).map(Self.historyRow), next: nil)))
        #expect(s.results.selectedID == "h2")
        var held = JobRow(id: "left", sourceName: "left.png", sourcePath: "/data/left.png", state: .queued,
                          request: UpscaleRequest(), submittedAt: Fixtures.t0.addingTimeInterval(60))
        held.isHeld = true
        _ = update(&s, .jobsChanged(Fixtures.jobs() + [held]))
        #expect(s.results.selectedID == "h2", "a held job is an earlier run's, not a submission")
        let submitted = JobRow(id: "j9", sourceName: "new.png", sourcePath: "/data/pics/new.png", state: .queued,
                               request: UpscaleRequest(), submittedAt: Fixtures.t0.addingTimeInterval(30))
        _ = update(&s, .jobsChanged(Fixtures.jobs() + [held, submitted]))
        #expect(s.results.selectedID == "j9")
    }

    @Test func scrollingToTheEndLoadsTheNextPageOnce() {
        var s = Fixtures.state()
        let cursor = HistoryCursor(sequence: 41)
        _ = update(&s, .historyLoaded(HistoryPage(rows: (1...40).map(Self.historyRow), next: cursor)))
        s.focus = .results
        #expect(!update(&s, .key(.down)).contains { if case .loadHistory = $0 { true } else { false } })
        #expect(update(&s, .key(.end)).contains(.loadHistory(olderThan: cursor, limit: HistoryPaging.nextPageSize)))
        #expect(!update(&s, .key(.up)).contains { if case .loadHistory = $0 { true } else { false } }, "one page at a time")
        _ = update(&s, .historyLoaded(HistoryPage(rows: (41...45).map(Self.historyRow), next: nil)))
        #expect(s.results.jobs.count == 48)
        #expect(!update(&s, .key(.end)).contains { if case .loadHistory = $0 { true } else { false } }, "the history is all loaded")
    }

    /// A job an earlier run queued (a first quit leaves them so) is sent by R, after a question.
    @Test func rSendsAJobAnEarlierRunLeftQueued() {
        var s = Fixtures.state(withJobs: false)
        var held = JobRow(id: "q1", sourceName: "later.png", sourcePath: "/data/later.png", state: .queued,
                          request: UpscaleRequest(numImages: 2), submittedAt: Fixtures.t0)
        held.isHeld = true
        _ = update(&s, .jobsChanged([held]))
        #expect(!s.needsTicks, "a held job does not move")
        s.focus = .results
        #expect(update(&s, .key(.char("R"))).isEmpty)
        guard case .confirm(let question) = s.overlay else { Issue.record("no question"); return }
        #expect(ConfirmOverlayView.text(question) == ["Send later.png? An earlier run queued it and never sent it.",
                                                      "The 2 images the service returns are billed."])
        #expect(update(&s, .key(.char("y"))) == [.retryJob("q1")])
    }
}
