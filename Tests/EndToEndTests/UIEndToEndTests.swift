import Foundation
import Testing

/// The built `ideogram-tui` in a real terminal (tmux), on the real ncurses path, against the
/// fake service in its own process. Each scenario has its own sandbox, service and tmux
/// server, so one failing does not hide the others. (What the screens say in detail is
/// checked in-process: TerminalUITests' goldens and AppLoopTests' scenarios.)
///
/// Nothing here is timed: every step waits for what the screen should show, with generous
/// deadlines, so a loaded machine only makes it slower.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end UI tests need it (apt-get install tmux; .ci/run installs it)"))
struct UIEndToEndTests {
    @Test(.timeLimit(.minutes(5)))
    func startsAndDrawsTheFolderWithPixelSizes() throws {
        let ui = try UISession.start()
        defer { ui.stop() }
        let screen = try ui.tmux.capture()
        #expect(screen.contains(ui.sandbox.pictures), "the path row shows the folder")
        #expect(screen.contains("Prompt & parameters") && screen.contains("Results"))
        #expect(screen.contains("127.0.0.1"), "the status bar shows the endpoint")
        // A key this short shows none of its characters: "key set" (a long one: "key …abcd").
        #expect(screen.contains("key set") || screen.contains("key …"), "the status bar names the key, redacted")
        #expect(!screen.contains("test-key"), "the full key never appears")

        try ui.tmux.key("Enter")
        let album = try ui.tmux.waitForScreen("the album with pixel sizes", timeout: 60) {
            $0.contains(ui.sandbox.album) && $0.contains("64×48") && $0.contains("80×60") && $0.contains("40×40")
        }
        #expect(album.split(separator: "\n").filter { $0.contains(".png") }.count == 3, "three pictures listed:\n\(album)")
    }

    @Test(.timeLimit(.minutes(6)))
    func submitsTwoAfterTheCostQuestionAndBothFinishOnDisk() throws {
        let ui = try UISession.start()
        defer { ui.stop() }
        let tmux = ui.tmux
        try ui.markAlphaAndBravo()

        // A prompt, and the resemblance slider 50 → 53.
        try tmux.key("Tab")
        try tmux.type("crisp film grain")
        try tmux.waitForScreen("the prompt typed") { $0.contains("crisp film grain") }
        try tmux.key("Enter")  // leaves the editor for the first slider
        try tmux.key("Right", "Right", "Right")
        try tmux.waitForScreen("resemblance 53") { ScreenText.fieldValue("Resemblance", in: $0) == 53 }

        try tmux.key("C-s")
        let question = try tmux.waitForScreen("the cost question") { $0.contains("Upscale 2 images") }
        #expect(question.contains("= 2 billed images?"), "the question says what it costs:\n\(question)")
        try tmux.key("y")

        // A ✓ line each, with the result resolution (twice the source).
        let screen = try tmux.waitForScreen("both jobs done", timeout: 180) {
            ScreenText.doneRows(in: $0).count == 2 && $0.contains("done 2")
        }
        let rows = ScreenText.doneRows(in: screen)
        #expect(rows.first { $0.contains("alpha.png") }?.contains("128x96") == true, "alpha's result is 128x96:\n\(screen)")
        #expect(rows.first { $0.contains("bravo.png") }?.contains("160x120") == true, "bravo's result is 160x120:\n\(screen)")
        #expect(rows.allSatisfy { $0.contains("r53 d50") }, "the rows show the parameters sent:\n\(screen)")
        #expect(screen.contains("billed 2"), "the status bar counts the billed images:\n\(screen)")

        #expect(ScreenText.eventually(timeout: 30) { ui.sandbox.resultImages().count == 2 }, "two results saved: \(ui.sandbox.resultImages())")
        let saved = ui.sandbox.resultImages()
        #expect(saved.contains { $0.hasPrefix("alpha-upscaled-") } && saved.contains { $0.hasPrefix("bravo-upscaled-") }, "\(saved)")

        let received = try ui.fake.receivedRequests()
        #expect(received.count == 2 && received.allSatisfy { $0.status == 200 })
        for request in received {
            let json = try ScreenText.object(request.imageRequestJSON)
            #expect(json["resemblance"] as? Int == 53 && json["prompt"] as? String == "crisp film grain", "\(request.imageRequestJSON)")
        }
        try ui.quit()
    }

    @Test(.timeLimit(.minutes(6)))
    func outOfCreditPausesTheQueueAndPResumesIt() throws {
        let ui = try UISession.start()
        defer { ui.stop() }
        let tmux = ui.tmux
        try ui.fake.injectFaults(["402:insufficient_funds"])
        try tmux.key("Enter")
        try tmux.waitForScreen("the album", timeout: 60) { $0.contains(ui.sandbox.album) && $0.contains("64×48") }
        try tmux.key("C-s")  // the selected image, alpha: one image is sent without a question
        let paused = try tmux.waitForScreen("the paused status bar", timeout: 120) {
            $0.contains("paused: out of credit (insufficient_funds) · p resumes")
        }
        #expect(paused.split(separator: "\n").contains { $0.contains("alpha.png") && $0.contains(" paused ") },
                "the held job says so:\n\(paused)")
        #expect(ScreenText.doneRows(in: paused).isEmpty, "nothing finished while paused:\n\(paused)")
        try tmux.key("p")
        let screen = try tmux.waitForScreen("the job done after resuming", timeout: 180) {
            ScreenText.doneRows(in: $0).count == 1 && !$0.contains("paused:")
        }
        #expect(screen.contains("billed 1"), "\(screen)")
        try ui.quit()
    }

    @Test(.timeLimit(.minutes(4)))
    func followsTheTerminalSizeDownToTooSmallAndBack() throws {
        let ui = try UISession.start()
        defer { ui.stop() }
        let tmux = ui.tmux
        try tmux.resize(columns: 80, rows: 24)
        try tmux.waitForScreen("the UI at 80 columns") { screen in
            let lines = screen.split(separator: "\n")
            return lines.count <= 24 && lines.contains { $0.hasPrefix("└") && $0.hasSuffix("┘") && $0.count == 80 }
        }
        try tmux.resize(columns: 40, rows: 10)
        try tmux.waitForScreen("the too-small notice") { $0.contains("too small") }
        try tmux.resize(columns: 120, rows: 40)
        try tmux.waitForScreen("the UI back at 120 columns") { screen in
            screen.contains("album/") && screen.split(separator: "\n").contains { $0.hasPrefix("└") && $0.count == 120 }
        }
        try ui.quit()
    }

    @Test(.timeLimit(.minutes(4)))
    func qQuitsAndGivesTheTerminalBackIntact() throws {
        let ui = try UISession.start()
        defer { ui.stop() }
        let screen = try ui.quit()
        #expect(screen.contains("ui-exit=0"), "the UI exited with 0:\n\(screen)")
        try Self.expectTerminalRestored(ui, screen: screen)
    }

    @Test(.timeLimit(.minutes(4)))
    func sigtermEndsTheUIAndGivesTheTerminalBack() throws {
        let ui = try UISession.start()
        defer { ui.stop() }
        let program = ProcessTree.descendants(of: try ui.tmux.panePID()).filter { ProcessTree.isAlive($0) }
            .first { ProcessTree.commandLine(of: $0).contains("ideogram-tui") }
        let pid = try #require(program, "the UI process is running")
        kill(pid, SIGTERM)
        let screen = try ui.tmux.waitForScreen("the shell back after SIGTERM", timeout: 60) {
            $0.contains("ui-exit=") && ScreenText.lastLine(of: $0) == TmuxSession.prompt.trimmingCharacters(in: .whitespaces)
        }
        try Self.expectTerminalRestored(ui, screen: screen)
    }

    @Test(.timeLimit(.minutes(4)))
    func ctrlZGivesTheShellAWholeTerminalAndFgBringsTheUIBack() throws {
        let ui = try UISession.start()
        defer { ui.stop() }
        let tmux = ui.tmux
        try tmux.key("C-z")
        // bash goes on with the rest of the line: the stopped job's status is 128 + SIGTSTP.
        let stopped = try tmux.waitForScreen("the shell with the UI stopped", timeout: 60) {
            $0.contains("Stopped") && $0.contains("ui-exit=148") && ScreenText.lastLine(of: $0) == TmuxSession.prompt.trimmingCharacters(in: .whitespaces)
        }
        try Self.expectTerminalRestored(ui, screen: stopped, programEnded: false)
        try tmux.type("fg", enter: true)
        try tmux.waitForScreen("the UI back", timeout: 60) { $0.contains("Files") && $0.contains("album/") && $0.contains("Results") }
        #expect(try tmux.format("#{alternate_on}") == "1", "the UI took the alternate screen again")
        // Keys work again: the help opens and closes.
        try tmux.key("?")
        try tmux.waitForScreen("the help") { $0.contains("Suspend to the shell") }
        try tmux.key("Escape")
        try tmux.waitForScreen("the help closed") { !$0.contains("Suspend to the shell") }
        try tmux.key("q")
        let end = try tmux.waitForScreen("the shell back after q", timeout: 60) {
            !$0.contains("Results") && ScreenText.lastLine(of: $0) == TmuxSession.prompt.trimmingCharacters(in: .whitespaces)
        }
        try Self.expectTerminalRestored(ui, screen: end)
    }

    /// No UI left, the alternate screen left, cursor shown, mouse off, the tty's modes back,
    /// and (unless only suspended) no ideogram-tui process left in the pane.
    static func expectTerminalRestored(_ ui: UISession, screen: String, programEnded: Bool = true) throws {
        let tmux = ui.tmux
        #expect(!screen.contains("Prompt & parameters") && !screen.contains("Results") && !screen.contains("┌"),
                "no UI left on the screen:\n\(screen)")
        #expect(try tmux.format("#{alternate_on}") == "0", "the alternate screen was left")
        #expect(try tmux.format("#{cursor_flag}") == "1", "the cursor is visible again")
        #expect(try tmux.format("#{mouse_any_flag}") == "0", "mouse reporting is off")
        let sttyFile = ui.sandbox.root + "/stty.txt"
        try tmux.type("stty -a > " + TmuxSession.shellQuoted(sttyFile), enter: true)
        #expect(ScreenText.eventually(timeout: 30) { (try? String(contentsOfFile: sttyFile, encoding: .utf8))?.contains("icanon") == true })
        let modes = Set(((try? String(contentsOfFile: sttyFile, encoding: .utf8)) ?? "")
            .split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        for mode in ["echo", "icanon", "icrnl", "isig", "opost"] {
            #expect(modes.contains(mode) && !modes.contains("-" + mode), "\(mode) is back on after the UI: \(modes.sorted())")
        }
        guard programEnded else { return }
        let leftovers = ProcessTree.descendants(of: try tmux.panePID()).filter { ProcessTree.isAlive($0) }
            .map(ProcessTree.commandLine).filter { $0.contains("ideogram-tui") }
        #expect(leftovers.isEmpty, "the UI process ended: \(leftovers)")
    }
}
