import FakeIdeogram
import Foundation
import Testing

/// The built `ideogram-tui` in a real terminal (tmux), against the fake service in its own
/// process: browse, mark two images, move a slider, submit, watch both finish, check the screen
/// and the disk; load one result back with `e`, change the detail, resubmit and check what the
/// service received; Ctrl-C with a job in flight asks first; `q` gives the shell back intact.
///
/// Nothing here is timed: every step waits for what the screen should show, with generous
/// deadlines, so a loaded machine only makes it slower.
@Suite(.serialized)
struct UIEndToEndTests {
    @Test(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end UI test needs it (apt-get install tmux; .ci/run installs it)"),
          .timeLimit(.minutes(10)))
    func browseMarkSubmitWatchTweakResubmitAndQuit() throws {
        let program = BuiltProgram.path
        try #require(FileManager.default.isExecutableFile(atPath: program), "the built ideogram-tui is missing at \(program)")

        let sandbox = try E2ESandbox()
        defer { sandbox.remove() }
        // Three pictures of different sizes (the fake returns each at twice its size), and a
        // file that is not an image, so the list shows every group.
        try sandbox.writeSample("alpha.png", width: 64, height: 48, seed: 11)
        try sandbox.writeSample("bravo.png", width: 80, height: 60, seed: 12)
        try sandbox.writeSample("charlie.png", width: 40, height: 40, seed: 13)
        try Data("not a picture\n".utf8).write(to: URL(fileURLWithPath: sandbox.pictures + "/notes.txt"))
        try sandbox.writeConfig("""
            output_dir = "\(sandbox.results)"
            concurrency = 2
            mouse = false
            """)

        let fake = try FakeServiceProcess(arguments: ["--latency-ms", "300"])
        defer { fake.stop() }
        let tmux = try TmuxSession(columns: 120, rows: 40, environment: sandbox.environment())
        defer { tmux.stop() }

        try tmux.waitForScreen("the shell prompt", timeout: 60) { $0.contains(TmuxSession.prompt.trimmingCharacters(in: .whitespaces)) }
        let commandLine = [program, sandbox.pictures, "--base-url", fake.baseURL].map(TmuxSession.shellQuoted).joined(separator: " ")
        try tmux.type(commandLine + "; echo \"ui-exit=$?\"", enter: true)

        // 1. The UI opens on the pictures folder: the folder first, then the other file.
        var screen = try tmux.waitForScreen("the files pane listing album/", timeout: 90) {
            $0.contains("Files") && $0.contains("album/") && $0.contains("notes.txt")
        }
        #expect(screen.contains(sandbox.pictures), "the path row shows the folder")
        #expect(screen.contains("Prompt & parameters") && screen.contains("Results"))
        #expect(screen.contains("127.0.0.1"), "the status bar shows the endpoint")
        // A key this short shows none of its characters: "key set" (a long one: "key …abcd").
        #expect(screen.contains("key set") || screen.contains("key …"), "the status bar names the key, redacted")
        #expect(!screen.contains("test-key"), "the full key never appears")

        // 2. Into the album: images with their pixel sizes, read from the headers.
        try tmux.key("Enter")
        screen = try tmux.waitForScreen("the album with pixel sizes", timeout: 60) {
            $0.contains(sandbox.album) && $0.contains("64×48") && $0.contains("80×60") && $0.contains("40×40")
        }
        let albumRows = screen.split(separator: "\n").filter { $0.contains(".png") }
        #expect(albumRows.count == 3, "three pictures listed:\n\(screen)")

        // 3. Mark alpha and bravo (Space marks and moves down).
        try tmux.key("Space")
        try tmux.waitForScreen("one mark") { $0.contains("1 marked") }
        try tmux.key("Space")
        screen = try tmux.waitForScreen("two marks") { $0.contains("2 marked") }
        #expect(Self.line(of: "alpha.png", in: screen)?.contains("●") == true, "alpha is marked:\n\(screen)")
        #expect(Self.line(of: "bravo.png", in: screen)?.contains("●") == true, "bravo is marked:\n\(screen)")
        #expect(Self.line(of: "charlie.png", in: screen)?.contains("●") == false, "charlie is not marked:\n\(screen)")

        // 4. The parameters pane: a prompt, then the resemblance slider 50 → 53 (→ ×3) → 63 (PgUp).
        try tmux.key("Tab")
        try tmux.type("crisp film grain")
        try tmux.waitForScreen("the prompt typed") { $0.contains("crisp film grain") }
        try tmux.key("Enter")  // leaves the editor for the first slider
        try tmux.key("Right", "Right", "Right")
        try tmux.waitForScreen("resemblance 53") { Self.fieldValue("Resemblance", in: $0) == 53 }
        try tmux.key("PageUp")
        screen = try tmux.waitForScreen("resemblance 63") { Self.fieldValue("Resemblance", in: $0) == 63 }
        #expect(Self.fieldValue("Detail", in: screen) == 50)
        #expect(Self.line(of: "Resemblance", in: screen)?.contains("█") == true, "the slider is drawn:\n\(screen)")

        // 5. Ctrl-S: two images, so the cost is asked first; y goes ahead.
        try tmux.key("C-s")
        screen = try tmux.waitForScreen("the cost question") { $0.contains("Upscale 2 images") }
        #expect(screen.contains("= 2 billed images?"), "the question says what it costs:\n\(screen)")
        try tmux.key("y")

        // 6. Both jobs finish: a ✓ line each with the result resolution (twice the source).
        screen = try tmux.waitForScreen("both jobs done", timeout: 180) {
            Self.doneRows(in: $0).count == 2 && $0.contains("done 2")
        }
        let rows = Self.doneRows(in: screen)
        let alphaRow = rows.first { $0.contains("alpha.png") }
        let bravoRow = rows.first { $0.contains("bravo.png") }
        #expect(alphaRow?.contains("128x96") == true, "alpha's result is 128x96:\n\(screen)")
        #expect(bravoRow?.contains("160x120") == true, "bravo's result is 160x120:\n\(screen)")
        #expect(rows.allSatisfy { $0.contains("r63 d50") }, "the rows show the parameters sent:\n\(screen)")
        #expect(screen.contains("billed 2"), "the status bar counts the billed images:\n\(screen)")
        #expect(!screen.contains("0 marked") && !screen.contains("2 marked"), "the marks are cleared after sending")

        // 7. Both results are on disk, in the configured folder.
        #expect(Self.eventually(timeout: 30) { sandbox.resultImages().count == 2 }, "two results saved: \(sandbox.resultImages())")
        let saved = sandbox.resultImages()
        #expect(saved.contains { $0.hasPrefix("alpha-upscaled-") } && saved.contains { $0.hasPrefix("bravo-upscaled-") }, "\(saved)")
        for name in saved {
            let bytes = FileManager.default.contents(atPath: sandbox.results + "/" + name) ?? Data()
            #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(name) is a PNG")
        }

        // 8. The results pane: e loads the selected job into the editor; detail → 87; Ctrl-S.
        try tmux.key("Tab")
        try tmux.waitForScreen("the results pane focused") { $0.contains("resubmit") }
        try tmux.key("e")
        screen = try tmux.waitForScreen("the job loaded into the editor") { $0.contains("Prompt & parameters · from ") }
        let loadedName = ["alpha.png", "bravo.png"].first { screen.contains("· from \($0)") }
        try #require(loadedName != nil, "the title names the loaded source:\n\(screen)")
        #expect(Self.fieldValue("Resemblance", in: screen) == 63, "the job's resemblance came back")
        try tmux.key("Down")  // resemblance → detail
        try tmux.type("87")
        screen = try tmux.waitForScreen("detail 87") { Self.fieldValue("Detail", in: $0) == 87 }
        try tmux.key("C-s")
        screen = try tmux.waitForScreen("the resubmitted job done", timeout: 180) {
            Self.doneRows(in: $0).count == 3 && $0.contains("done 3")
        }
        #expect(!screen.contains("Upscale 1 images"), "a single image is sent without the cost question")
        #expect(Self.doneRows(in: screen).contains { $0.contains(loadedName!) && $0.contains("r63 d87") }, "\(screen)")

        // 9. What the service received: three requests, the last with the new detail.
        let received = try fake.receivedRequests().sorted { $0.receivedAt < $1.receivedAt }
        #expect(received.count == 3, "three upscale requests: \(received.map(\.imageRequestJSON))")
        for request in received { #expect(request.status == 200 && request.dialect == "official") }
        let first = try received.prefix(2).map { try Self.object($0.imageRequestJSON) }
        #expect(first.allSatisfy { $0["resemblance"] as? Int == 63 && $0["detail"] as? Int == 50 && $0["prompt"] as? String == "crisp film grain" },
                "\(received.prefix(2).map(\.imageRequestJSON))")
        #expect(Set(received.prefix(2).compactMap(\.filename)) == ["alpha.png", "bravo.png"])
        let last = try #require(received.last)
        let lastJSON = try Self.object(last.imageRequestJSON)
        #expect(lastJSON["detail"] as? Int == 87, "the resubmission sent the new detail: \(last.imageRequestJSON)")
        #expect(lastJSON["resemblance"] as? Int == 63, "and kept the resemblance: \(last.imageRequestJSON)")
        #expect(lastJSON["prompt"] as? String == "crisp film grain", "and the prompt: \(last.imageRequestJSON)")
        #expect(last.filename == loadedName, "of the loaded source")
        #expect(Self.eventually(timeout: 30) { sandbox.resultImages().count == 3 }, "the third result saved: \(sandbox.resultImages())")

        // 10. Ctrl-C with a job in flight asks first; n backs out and the job goes on.
        try fake.injectFaults(["delay:8s"])
        try tmux.key("Tab")  // parameters → results
        try tmux.waitForScreen("the results pane focused again") { $0.contains("resubmit") }
        try tmux.key("r")
        try tmux.waitForScreen("the resubmit question") { $0.contains("as it was?") && $0.contains("billed again") }
        try tmux.key("y")
        try tmux.waitForScreen("a job in flight", timeout: 60) { $0.contains("1 running") }
        try tmux.key("C-c")
        screen = try tmux.waitForScreen("the quit question") { $0.contains("Quit anyway?") }
        #expect(screen.contains("1 job is still in flight."), "\(screen)")
        try tmux.key("n")
        screen = try tmux.waitForScreen("the question gone") { !$0.contains("Quit anyway?") && $0.contains("Results") }
        #expect(!screen.contains("ui-exit="), "the UI is still running after n")
        try tmux.waitForScreen("the fourth job done", timeout: 180) { Self.doneRows(in: $0).count == 4 && $0.contains("done 4") }

        // 11. q quits at once when nothing is in flight, and the terminal is as it was.
        try tmux.key("q")
        screen = try tmux.waitForScreen("the shell back", timeout: 60) {
            $0.contains("ui-exit=") && Self.lastLine(of: $0) == TmuxSession.prompt.trimmingCharacters(in: .whitespaces)
        }
        #expect(screen.contains("ui-exit=0"), "the UI exited with 0:\n\(screen)")
        #expect(!screen.contains("Prompt & parameters") && !screen.contains("Results") && !screen.contains("┌"),
                "no UI left on the screen:\n\(screen)")
        #expect(try tmux.format("#{alternate_on}") == "0", "the alternate screen was left")
        #expect(try tmux.format("#{cursor_flag}") == "1", "the cursor is visible again")
        #expect(try tmux.format("#{mouse_any_flag}") == "0", "mouse reporting is off")
        let sttyFile = sandbox.root + "/stty.txt"
        try tmux.type("stty -a > " + TmuxSession.shellQuoted(sttyFile), enter: true)
        #expect(Self.eventually(timeout: 30) { (try? String(contentsOfFile: sttyFile, encoding: .utf8))?.contains("icanon") == true })
        let modes = Set(((try? String(contentsOfFile: sttyFile, encoding: .utf8)) ?? "")
            .split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        for mode in ["echo", "icanon", "icrnl", "isig", "opost"] {
            #expect(modes.contains(mode) && !modes.contains("-" + mode), "\(mode) is back on after the UI: \(modes.sorted())")
        }

        // Nothing of ours is left in the pane but the shell.
        let leftovers = ProcessTree.descendants(of: try tmux.panePID()).filter { ProcessTree.isAlive($0) }
            .map(ProcessTree.commandLine).filter { $0.contains("ideogram-tui") }
        #expect(leftovers.isEmpty, "the UI process ended: \(leftovers)")
    }

    // MARK: reading the screen

    /// The first line that contains `needle`.
    static func line(of needle: String, in screen: String) -> String? {
        screen.split(separator: "\n", omittingEmptySubsequences: false).first { $0.contains(needle) }.map(String.init)
    }

    /// The number right after a field's label in the parameters pane ("Resemblance   63 ███").
    static func fieldValue(_ label: String, in screen: String) -> Int? {
        guard let line = line(of: label, in: screen), let range = line.range(of: label) else { return nil }
        let rest = line[range.upperBound...].drop { $0 == " " }
        return Int(rest.prefix { $0.isNumber })
    }

    /// Result rows that finished well: a ✓ mark, "done" and a WxH resolution.
    static func doneRows(in screen: String) -> [String] {
        screen.split(separator: "\n").map(String.init).filter { line in
            line.contains("✓") && line.contains("done") && line.range(of: #"\d+x\d+"#, options: .regularExpression) != nil
        }
    }

    /// The last line with something on it.
    static func lastLine(of screen: String) -> String {
        screen.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
    }

    static func object(_ json: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw E2EError("not a JSON object: \(json)")
        }
        return object
    }

    static func eventually(timeout: TimeInterval, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return condition()
    }
}
