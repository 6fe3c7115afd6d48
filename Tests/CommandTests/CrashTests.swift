import FakeIdeogram
import Foundation
import Testing

/// Runs stopped the hard way (SIGKILL) and the polite way (SIGINT, SIGTERM), then resumed: the
/// history must tell the truth, every finished result must be on disk with its sidecar, and
/// nothing may be sent twice.
@Suite(.serialized) struct CrashTests {
    let key = ["IDEOGRAM_API_KEY": "test-key"]

    private func jobs(in box: Sandbox) throws -> [[String: Any]] {
        let listed = try BuiltExecutable.run(["history", "--json", "--limit", "1000"], in: box)
        #expect(listed.status == 0, "\(listed.stderr)")
        return try jsonLines(listed.stdout)
    }

    /// How many times the fake received each file name.
    private func receivedCounts(_ fake: FakeServer) throws -> [String: Int] {
        try fake.received().reduce(into: [:]) { counts, request in counts[request.filename ?? "?", default: 0] += 1 }
    }

    @Test func aKilledRunResumesTruthfullyAndSendsNothingTwice() throws {
        let fake = try BuiltExecutable.startFakeServer(["--latency-ms", "300"])
        defer { fake.stop() }
        let box = try Sandbox()
        defer { box.remove() }
        let files = try (0..<12).map { index in
            try box.samplePNG(String(format: "f%02d.png", index), width: 24 + index, height: 16, seed: UInt64(100 + index))
        }
        let common = ["--base-url", fake.baseURL, "--out", box.out, "--concurrency", "3"]
        let first = try BuiltExecutable.start(["upscale"] + files + common, in: box, environment: key, name: "first")
        // Kill it once a few answers are in and most of the batch is still to come.
        let started = poll { (try? fake.received().count).map { $0 >= 3 } ?? false }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(started, "the first run got going")
        #expect(first.terminationReason == .uncaughtSignal, "killed mid-run, not finished")
        let sentBeforeKill = try fake.received().count
        #expect(sentBeforeKill < 12, "killed mid-run")

        let resumed = try BuiltExecutable.run(["upscale", "--resume"] + common, in: box, environment: key)
        #expect(resumed.status == 0 || resumed.status == 8, "\(resumed.stdout) \(resumed.stderr)")

        let listed = try jobs(in: box)
        #expect(listed.count == 12, "every file has exactly one job")
        let received = try receivedCounts(fake)
        for (name, count) in received { #expect(count == 1, "\(name) was sent \(count) times") }
        var done = 0
        for job in listed {
            let source = try #require(job["source"] as? String)
            let name = (source as NSString).lastPathComponent
            let state = job["status"] as? String
            switch state {
            case "done":
                done += 1
                #expect(received[name] == 1, "\(name) is done, so the service answered it once")
                let results = job["results"] as? [[String: Any]] ?? []
                #expect(results.count == 1)
                for result in results {
                    #expect(result["outcome"] as? String == "saved")
                    let file = try #require(result["file"] as? String)
                    let sidecar = try #require(result["sidecar"] as? String)
                    #expect(FileManager.default.fileExists(atPath: file), "\(file)")
                    let data = try Data(contentsOf: URL(fileURLWithPath: sidecar))
                    let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
                    #expect(object?["source_path"] as? String == source)
                    #expect(object?["seed"] as? Int == result["seed"] as? Int)
                }
            case "outcome_unknown":
                // In flight at the kill: may or may not have reached the service, never resent.
                #expect((received[name] ?? 0) <= 1)
                #expect((job["error"] as? String)?.contains("may have been billed") == true)
            default:
                Issue.record("\(name) ended \(state ?? "?"): after --resume every job is done or of unknown outcome")
            }
        }
        #expect(done >= 1)
        // An upload cut by the kill reaches the fake as an unreadable body (400, no file name):
        // it counts as that job's one sending. Each job reached the service at most once.
        let all = try fake.received()
        let unknown = listed.filter { $0["status"] as? String == "outcome_unknown" }.count
        #expect(all.allSatisfy { $0.status == 200 || ($0.status == 400 && $0.filename == nil) }, "\(all)")
        #expect(all.count <= done + unknown, "\(all.count) requests for \(done) done and \(unknown) unknown jobs")
        // On disk: exactly the saved results and their sidecars (hidden temporary files aside).
        let saved = try FileManager.default.contentsOfDirectory(atPath: box.out).filter { !$0.hasPrefix(".") }
        #expect(saved.count == done * 2, "\(saved.sorted())")
    }

    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func aSignalClosesTheQueueCleanly(signal: Int32, status: Int32) throws {
        let fake = try BuiltExecutable.startFakeServer(["--latency-ms", "3000"])
        defer { fake.stop() }
        let box = try Sandbox()
        defer { box.remove() }
        let files = try (0..<4).map { try box.samplePNG("s\($0).png", seed: UInt64(200 + $0)) }
        let common = ["--base-url", fake.baseURL, "--out", box.out, "--concurrency", "2"]
        let run = try BuiltExecutable.start(["upscale"] + files + common, in: box, environment: key, name: "run")
        // Two requests sent and awaited, two queued behind them: read from the history meanwhile.
        let waiting = poll(every: 0.1) {
            guard FileManager.default.fileExists(atPath: box.historyPath) else { return false }
            let states = (try? jobs(in: box))?.compactMap { $0["status"] as? String } ?? []
            return states.filter { $0 == "waiting" }.count == 2 && states.filter { $0 == "queued" }.count == 2
        }
        #expect(waiting)
        kill(run.processIdentifier, signal)
        #expect(waitForExit(run, timeout: 60))
        #expect(run.terminationReason == .exit && run.terminationStatus == status)

        let output = try String(contentsOfFile: box.path("run.out"), encoding: .utf8)
        let lines = output.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines.filter { $0.first == "failed" && $0[2].contains("outcome unknown") }.count == 2, "\(output)")
        #expect(lines.filter { $0.first == "pending" }.count == 2, "\(output)")
        let states = try jobs(in: box).compactMap { $0["status"] as? String }.sorted()
        #expect(states == ["outcome_unknown", "outcome_unknown", "queued", "queued"])

        // --resume sends the two left queued, and not the two that may have been billed.
        let resumed = try BuiltExecutable.run(["upscale", "--resume"] + common, in: box, environment: key)
        #expect(resumed.status == 0, "\(resumed.stdout) \(resumed.stderr)")
        #expect(resumed.lines.count == 2 && resumed.lines.allSatisfy { $0.first == "ok" })
        let after = try jobs(in: box).compactMap { $0["status"] as? String }.sorted()
        #expect(after == ["done", "done", "outcome_unknown", "outcome_unknown"])
        // The fake finishes answering the cancelled two as well, so wait for all four before counting.
        #expect(poll(timeout: 30) { ((try? receivedCounts(fake))?.values.reduce(0, +) ?? 0) >= 4 })
        for (name, count) in try receivedCounts(fake) { #expect(count == 1, "\(name) was sent \(count) times") }
    }
}
