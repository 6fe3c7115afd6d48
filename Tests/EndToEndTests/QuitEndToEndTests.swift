import Foundation
import Testing

/// Issue 14 in a real terminal: the first `q` waits for the requests already sent (they are
/// paid for) and saves their results before the UI ends; a second `q` abandons them.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end UI tests need it (apt-get install tmux; .ci/run installs it)"))
struct QuitEndToEndTests {
    /// Marks alpha and bravo, submits them after the cost question, and waits until both
    /// requests are with the (slow) service.
    static func sendTwo(_ ui: UISession) throws {
        try ui.markAlphaAndBravo()
        try ui.tmux.key("C-s")
        try ui.tmux.waitForScreen("the cost question", timeout: 60) { $0.contains("Upscale 2 images") }
        try ui.tmux.key("y")
        try ui.tmux.waitForScreen("both requests sent", timeout: 120) { $0.contains("active 2") }
    }

    /// `history --json` run in the pane's shell (the UI's environment), one object per job.
    static func history(_ ui: UISession) throws -> [[String: Any]] {
        let file = ui.sandbox.root + "/history.jsonl"
        try ui.tmux.type([BuiltProgram.path, "history", "--json"].map(TmuxSession.shellQuoted).joined(separator: " ")
                         + " > " + TmuxSession.shellQuoted(file) + "; echo history-exit=$?", enter: true)
        // The typed line shows `history-exit=$?`; only the output has a digit after the `=`.
        try ui.tmux.waitForScreen("the history listed", timeout: 60) { $0.contains("history-exit=0") }
        let text = try String(contentsOfFile: file, encoding: .utf8)
        return try text.split(separator: "\n").map { try ScreenText.object(String($0)) }
    }

    @Test(.timeLimit(.minutes(6)))
    func theFirstQuitWaitsForTwoPaidAnswersAndSavesThem() throws {
        let ui = try UISession.start(fakeArguments: ["--latency-ms", "3000"])
        defer { ui.stop() }
        try Self.sendTwo(ui)
        try ui.tmux.key("q")
        let waiting = try ui.tmux.waitForScreen("the wait said", timeout: 60) {
            $0.contains("waiting for 2 answers already paid for; q again abandons them")
        }
        #expect(waiting.contains("Results"), "the UI is still up while it waits:\n\(waiting)")
        let end = try ui.tmux.waitForScreen("the UI ended by itself", timeout: 120) {
            $0.contains("ui-exit=") && ScreenText.lastLine(of: $0) == TmuxSession.prompt.trimmingCharacters(in: .whitespaces)
        }
        #expect(end.contains("ui-exit=0"), "\(end)")
        let saved = ui.sandbox.resultImages()
        #expect(saved.contains { $0.hasPrefix("alpha-upscaled-") } && saved.contains { $0.hasPrefix("bravo-upscaled-") }, "\(saved)")
        let jobs = try Self.history(ui)
        #expect(jobs.count == 2 && jobs.allSatisfy { $0["status"] as? String == "done" }, "\(jobs)")
        #expect(try ui.fake.receivedRequests().filter { $0.status == 200 }.count == 2)
    }

    @Test(.timeLimit(.minutes(6)))
    func aSecondQuitAbandonsThemAsOutcomeUnknown() throws {
        // Answers slow enough that the second key always comes first.
        let ui = try UISession.start(fakeArguments: ["--latency-ms", "30000"])
        defer { ui.stop() }
        try Self.sendTwo(ui)
        try ui.tmux.key("q")
        try ui.tmux.waitForScreen("the wait said", timeout: 60) { $0.contains("q again abandons them") }
        try ui.tmux.key("q")
        let end = try ui.tmux.waitForScreen("the UI ended at once", timeout: 20) {
            $0.contains("ui-exit=") && ScreenText.lastLine(of: $0) == TmuxSession.prompt.trimmingCharacters(in: .whitespaces)
        }
        #expect(end.contains("ui-exit=0"), "\(end)")
        #expect(ui.sandbox.resultImages().isEmpty)
        let jobs = try Self.history(ui)
        #expect(jobs.count == 2, "\(jobs)")
        for job in jobs {
            #expect(job["status"] as? String == "outcome_unknown" && job["may_have_been_billed"] as? Bool == true, "\(job)")
        }
    }
}
