import AppLoop
import AppLoopTesting
import Testing
import TerminalUI

/// The whole loop in-process: keys in, screens out. Each scenario is independent.
@Suite struct LoopScenarioTests {
    /// Rows of finished jobs (at 80 columns a row has no room left for the result's size).
    static func finishedRows(_ screen: Screen) -> Int {
        screen.lines.filter { $0.contains("done 2.0s") }.count
    }

    @Test func browsingListsTheFolderAndMarksImages() async throws {
        let scenario = try await Scenario.begin()
        let terminal = scenario.terminal
        for name in ["more/", "beach.png", "city.png", "forest.png", "notes.txt"] {
            #expect(await terminal.text.contains(name), "\(name) is listed")
        }
        await scenario.mark(rows: [1, 2])
        try await terminal.waitUntil(screenContains: "2 marked")
        // Into the (empty) subfolder and back.
        await terminal.press(.home, .enter)
        try await terminal.waitUntil(screenContains: "(empty)")
        await terminal.press(.backspace)
        try await terminal.waitUntil(screenContains: "beach.png")
        let state = try await scenario.quit()
        #expect(state.hasQuit)
        #expect(await terminal.isStopped)
    }

    @Test func submittingSeveralImagesAsksFirstThenTheJobsFinishInTheResults() async throws {
        let scenario = try await Scenario.begin()
        let terminal = scenario.terminal
        await scenario.mark(rows: [1, 2])
        await terminal.press(.ctrl("s"))
        try await terminal.waitUntil(screenContains: "Upscale 2 images × 1 = 2 billed images?")
        #expect(scenario.jobs.submitted.isEmpty, "nothing is sent before the answer")
        await terminal.press(.char("y"))
        try await terminal.waitUntil(screenContains: "submitted 2 jobs")
        try await terminal.waitUntil(screenContains: "queued")
        try await scenario.waitForSubmitted(2)
        #expect(Set(scenario.jobs.submitted.map(\.sourcePath)) == Set(["beach.png", "city.png"].map { scenario.folder.path + "/" + $0 }))

        scenario.jobs.finishQueued()
        try await terminal.waitUntil("two finished jobs") { screen in
            Self.finishedRows(screen) == 2
        }
        try await terminal.waitUntil(screenContains: "billed 2")
        try await scenario.quit()
    }

    @Test func helpOpensFiltersAndCloses() async throws {
        let scenario = try await Scenario.begin()
        let terminal = scenario.terminal
        await terminal.press(.char("?"))
        try await terminal.waitUntil(screenContains: "Help · type to filter")
        #expect(await terminal.text.contains("Next pane"))
        await terminal.type("pause")
        try await terminal.waitUntil("only the pause binding") { screen in
            let text = screen.lines.joined(separator: "\n")
            return text.contains("Pause or resume the queue") && !text.contains("Next pane")
        }
        await terminal.press(.escape)
        try await terminal.waitUntil("the help closed") { !$0.lines.joined().contains("Help · type to filter") }
        try await scenario.quit()
    }

    @Test func resizingRedrawsAtTheNewSizeAndSurvivesATinyTerminal() async throws {
        let scenario = try await Scenario.begin()
        let terminal = scenario.terminal
        await terminal.resize(to: Size(columns: 120, rows: 40))
        try await terminal.waitUntil("a 120x40 screen") { $0.size == Size(columns: 120, rows: 40) && $0.lines.joined().contains("beach.png") }
        await terminal.resize(to: Size(columns: 30, rows: 8))
        try await terminal.waitUntil(screenContains: "too small")
        await terminal.resize(to: Size(columns: 80, rows: 24))
        try await terminal.waitUntil("the files again") { $0.size.columns == 80 && $0.lines.joined().contains("beach.png") }
        try await scenario.quit()
    }

    @Test func ctrlZSuspendsAndTheScreenComesBackAtTheSizeTheTerminalHasThen() async throws {
        let scenario = try await Scenario.begin()
        let terminal = scenario.terminal
        await terminal.resizeWhileSuspended(to: Size(columns: 120, rows: 40))
        await terminal.press(.ctrl("z"))
        try await terminal.waitUntil("a 120x40 screen after fg") { $0.size == Size(columns: 120, rows: 40) && $0.lines.joined().contains("beach.png") }
        #expect(await terminal.suspendCount == 1)
        #expect(await !terminal.isStopped, "suspended, not ended")
        try await scenario.quit()
    }

    @Test func aRefusedCreditPausesVisiblyAndPResumesTheHeldJob() async throws {
        let scenario = try await Scenario.begin()
        let terminal = scenario.terminal
        await scenario.mark(rows: [1])
        await terminal.press(.ctrl("s"))
        try await terminal.waitUntil(screenContains: "submitted 1 job")
        scenario.jobs.refuseForCredit(reason: "insufficient_funds")
        try await terminal.waitUntil(screenContains: "paused: out of credit (insufficient_funds) · p resumes")
        try await terminal.waitUntil(screenContains: "Waiting queue paused — out of credit")
        try await terminal.waitUntil("the held row") { $0.lines.contains { $0.contains("beach.png") && $0.contains(" paused ") } }
        // Held jobs do not spin: with nothing moving, nothing is drawn.
        let before = await terminal.drawCount
        try await Task.sleep(for: .milliseconds(400))
        #expect(await terminal.drawCount == before)

        await terminal.press(.char("p"))
        try await terminal.waitUntil("a finished row") { Self.finishedRows($0) == 1 }
        #expect(!(await terminal.text.contains("paused:")))
        try await scenario.quit()
    }

    @Test func pPausesAndResumesByHand() async throws {
        let scenario = try await Scenario.begin(size: Size(columns: 160, rows: 48))
        let terminal = scenario.terminal
        try await terminal.waitUntil(screenContains: "p pause")
        await terminal.press(.char("p"))
        try await terminal.waitUntil(screenContains: "paused: by you · p resumes")
        try await terminal.waitUntil(screenContains: "p resume ")
        await terminal.press(.char("p"))
        try await terminal.waitUntil("the pause lifted") { !$0.lines.joined().contains("paused:") }
        try await scenario.quit()
    }

    /// A retry wait counts down on screen: the loop ticks while it is shown.
    @Test func aRetryWaitCountsDown() async throws {
        let scenario = try await Scenario.begin()
        let terminal = scenario.terminal
        await scenario.mark(rows: [1])
        await terminal.press(.ctrl("s"))
        try await terminal.waitUntil(screenContains: "submitted 1 job")
        try await scenario.waitForSubmitted(1)
        scenario.jobs.failWith503(retryingIn: 2.5)
        // The first frame already counts from now, not from when the screen last moved.
        let first = try await terminal.waitUntil(screenContains: "retrying in")
        #expect(first.lines.contains { $0.contains("retrying in 3 s (attempt 2, 503)") }, "\(first.lines.joined(separator: "\n"))")
        try await terminal.waitUntil(screenContains: "retrying in 2 s (attempt 2, 503)")
        try await terminal.waitUntil(screenContains: "retrying in 1 s (attempt 2, 503)")
        scenario.jobs.finishQueued()
        try await terminal.waitUntil("a finished row") { Self.finishedRows($0) == 1 }
        try await scenario.quit()
    }

    /// On a machine with no opener, `o` shows the URL and copies it instead of failing.
    @Test func openWithoutAnOpenerShowsAndCopiesTheURL() async throws {
        let opener = ExternalOpener(program: "ideogram-tui-test-no-such-opener", environment: [:])
        let scenario = try await Scenario.begin(size: Size(columns: 160, rows: 48), opener: opener)
        let terminal = scenario.terminal
        await scenario.mark(rows: [1])
        await terminal.press(.ctrl("s"))
        try await terminal.waitUntil(screenContains: "submitted 1 job")
        try await scenario.waitForSubmitted(1)
        scenario.jobs.finishQueued()
        try await terminal.waitUntil("a finished row") { Self.finishedRows($0) == 1 }
        await terminal.press(.tab, .tab, .char("o"))
        let url = "https://fake.invalid/result/0.png"
        try await terminal.waitUntil(screenContains: "no ideogram-tui-test-no-such-opener to open with; copied: \(url)")
        #expect(await terminal.clipboard == [url])
        try await scenario.quit()
    }

    @Test func aSignalEndsTheLoopAndGivesTheTerminalBack() async throws {
        let scenario = try await Scenario.begin()
        await scenario.terminal.terminate()
        let state = try await scenario.loop.value
        #expect(!state.hasQuit, "ended from outside, not by the user")
        #expect(await scenario.terminal.isStopped)
        scenario.folder.remove()
    }
}
