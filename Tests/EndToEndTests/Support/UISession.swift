import Foundation

/// One end-to-end run of the built `ideogram-tui`: its own sandbox (three pictures in an
/// album, a text file, a config), its own fake service process and its own tmux server, the
/// UI started on the pictures folder and its first screen drawn. `stop()` ends all of it.
struct UISession {
    let sandbox: E2ESandbox
    let fake: FakeServiceProcess
    let tmux: TmuxSession

    /// Starts everything and waits for the files pane; `stop()` must follow, even on failure.
    static func start(columns: Int = 120, rows: Int = 40, fakeArguments: [String] = ["--latency-ms", "300"]) throws -> UISession {
        let program = BuiltProgram.path
        guard FileManager.default.isExecutableFile(atPath: program) else { throw E2EError("the built ideogram-tui is missing at \(program)") }
        let sandbox = try E2ESandbox()
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
        let fake: FakeServiceProcess
        do { fake = try FakeServiceProcess(arguments: fakeArguments) } catch {
            sandbox.remove()
            throw error
        }
        let tmux: TmuxSession
        do { tmux = try TmuxSession(columns: columns, rows: rows, environment: sandbox.environment()) } catch {
            fake.stop()
            sandbox.remove()
            throw error
        }
        let session = UISession(sandbox: sandbox, fake: fake, tmux: tmux)
        do {
            try tmux.waitForScreen("the shell prompt", timeout: 60) { $0.contains(TmuxSession.prompt.trimmingCharacters(in: .whitespaces)) }
            let commandLine = [program, sandbox.pictures, "--base-url", fake.baseURL].map(TmuxSession.shellQuoted).joined(separator: " ")
            try tmux.type(commandLine + "; echo \"ui-exit=$?\"", enter: true)
            try tmux.waitForScreen("the files pane listing album/", timeout: 90) {
                $0.contains("Files") && $0.contains("album/") && $0.contains("notes.txt")
            }
        } catch {
            session.stop()
            throw error
        }
        return session
    }

    func stop() {
        tmux.stop()
        fake.stop()
        sandbox.remove()
    }

    /// Enters the album and marks alpha and bravo (Space marks and moves down).
    func markAlphaAndBravo() throws {
        try tmux.key("Enter")
        try tmux.waitForScreen("the album with pixel sizes", timeout: 60) {
            $0.contains(sandbox.album) && $0.contains("64×48") && $0.contains("80×60") && $0.contains("40×40")
        }
        try tmux.key("Space")
        try tmux.waitForScreen("one mark") { $0.contains("1 marked") }
        try tmux.key("Space")
        try tmux.waitForScreen("two marks") { $0.contains("2 marked") }
    }

    /// Quits with `q` and waits for the shell; returns the last screen.
    @discardableResult
    func quit() throws -> String {
        try tmux.key("q")
        return try tmux.waitForScreen("the shell back", timeout: 60) {
            $0.contains("ui-exit=") && ScreenText.lastLine(of: $0) == TmuxSession.prompt.trimmingCharacters(in: .whitespaces)
        }
    }
}

/// Reading a captured screen.
enum ScreenText {
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
