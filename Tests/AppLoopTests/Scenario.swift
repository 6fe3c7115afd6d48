import AppLoop
import AppLoopTesting
import Foundation
import TerminalUI

/// The whole loop running in-process on an `InMemoryTerminal`, over a scripted queue and a
/// temporary folder of small images. Each test starts its own.
struct Scenario {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    let folder: ScenarioFolder
    let terminal: InMemoryTerminal
    let jobs: ScriptedJobControl
    let loop: Task<AppState, any Error>

    /// `history`: the earlier jobs the queue's history holds, newest first.
    static func begin(size: Size = Size(columns: 80, rows: 24), history: [JobRow] = [],
                      opener: ExternalOpener = ExternalOpener()) async throws -> Scenario {
        let folder = try ScenarioFolder()
        let terminal = InMemoryTerminal(size: size)
        let jobs = ScriptedJobControl(start: start)
        jobs.setHistory(history)
        let state = AppState(startFolder: FilePath(folder.path), homeDirectory: FilePath(folder.path),
                             connection: ConnectionInfo(endpoint: "http://127.0.0.1:9/upscale", dialect: "official", redactedKey: "WXYZ"),
                             size: Size(columns: 80, rows: 24), now: start.addingTimeInterval(30))
        let loop = Task { () async throws -> AppState in
            var app = AppLoop(state: state, terminal: terminal, jobs: jobs)
            app.opener = opener
            return try await app.run()
        }
        let scenario = Scenario(folder: folder, terminal: terminal, jobs: jobs, loop: loop)
        // The folder is listed and the images' sizes are read.
        try await terminal.waitUntil(screenContains: "64×32")
        return scenario
    }

    /// Marks the images on the given rows of the list (0: the first entry, the folder `more/`).
    func mark(rows: [Int]) async {
        var at = 0
        for row in rows.sorted() {
            for _ in at..<row { await terminal.press(.down) }
            await terminal.press(.char(" "))  // marks and moves down
            at = row + 1
        }
    }

    /// The status bar says "submitted" as soon as `update` ran; the queue gets the jobs on the
    /// effect lane just after. Scripting the queue before then would script nothing.
    func waitForSubmitted(_ count: Int) async throws {
        let deadline = Date().addingTimeInterval(10)
        while jobs.submitted.count < count {
            guard Date() < deadline else { throw InMemoryTerminal.Timeout(expected: "\(count) jobs in the queue", lastScreen: await terminal.text) }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Quits with `q` and returns the loop's last state; the folder goes.
    @discardableResult
    func quit() async throws -> AppState {
        defer { folder.remove() }
        await terminal.press(.char("q"))
        return try await loop.value
    }
}
