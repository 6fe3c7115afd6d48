import FakeIdeogram
import Foundation
import Testing

/// Runs stopped the hard way (SIGKILL) and the polite ways (Ctrl-C once or twice, SIGTERM),
/// then resumed: the history must tell the truth, every finished result must be on disk with its
/// sidecar, what was paid for is saved unless abandoned, and nothing may be sent twice.
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

    /// Starts `count` files with concurrency 2 against a fake that answers after 3 s, and
    /// returns once two requests are sent and awaited and the rest are queued behind them.
    private func startTwoInFlight(_ count: Int, fake: FakeServer, box: Sandbox) throws -> (run: Process, common: [String]) {
        let files = try (0..<count).map { try box.samplePNG("s\($0).png", seed: UInt64(200 + $0)) }
        let common = ["--base-url", fake.baseURL, "--out", box.out, "--concurrency", "2"]
        let run = try BuiltExecutable.start(["upscale"] + files + common, in: box, environment: key, name: "run")
        // Read from the history meanwhile.
        let waiting = poll(every: 0.1) {
            guard FileManager.default.fileExists(atPath: box.historyPath) else { return false }
            let states = (try? jobs(in: box))?.compactMap { $0["status"] as? String } ?? []
            return states.filter { $0 == "waiting" }.count == 2 && states.filter { $0 == "queued" }.count == count - 2
        }
        #expect(waiting, "two requests sent, \(count - 2) queued")
        return (run, common)
    }

    private func lines(_ box: Sandbox, _ name: String) throws -> [[String]] {
        let output = try String(contentsOfFile: box.path(name), encoding: .utf8)
        return output.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    /// The first Ctrl-C sends nothing new but waits for the two answers already paid for and
    /// saves their results; the file not sent is reported as such and `--resume` sends it.
    @Test func theFirstCtrlCWaitsForTheAnswersAlreadyPaidFor() throws {
        let fake = try BuiltExecutable.startFakeServer(["--latency-ms", "3000"])
        defer { fake.stop() }
        let box = try Sandbox()
        defer { box.remove() }
        let (run, common) = try startTwoInFlight(3, fake: fake, box: box)
        kill(run.processIdentifier, SIGINT)
        #expect(waitForExit(run, timeout: 60))
        #expect(run.terminationReason == .exit && run.terminationStatus == 130)

        let stderr = try String(contentsOfFile: box.path("run.err"), encoding: .utf8)
        #expect(stderr.contains("waiting for 2 answers already paid for; Ctrl-C again abandons them"), "\(stderr)")
        let reported = try lines(box, "run.out")
        let saved = reported.filter { $0.first == "ok" }
        #expect(saved.count == 2, "\(reported)")
        for line in saved {
            #expect(FileManager.default.fileExists(atPath: line[2]), "\(line[2])")
            #expect(FileManager.default.fileExists(atPath: line[2] + ".json"), "the sidecar of \(line[2])")
        }
        let pending = reported.filter { $0.first == "pending" }
        #expect(pending.count == 1 && pending.first?[2].contains("not sent") == true
                && pending.first?[2].contains("upscale --resume") == true, "\(reported)")
        #expect(try fake.received().count == 2, "exactly the two requests sent before Ctrl-C")
        #expect(try jobs(in: box).compactMap { $0["status"] as? String }.sorted() == ["done", "done", "queued"])

        let resumed = try BuiltExecutable.run(["upscale", "--resume"] + common, in: box, environment: key)
        #expect(resumed.status == 0, "\(resumed.stdout) \(resumed.stderr)")
        #expect(resumed.lines.count == 1 && resumed.lines.first?.first == "ok")
        #expect(try fake.received().count == 3)
        for (name, count) in try receivedCounts(fake) { #expect(count == 1, "\(name) was sent \(count) times") }
    }

    /// Ctrl-C again while waiting abandons the requests in flight: outcome unknown, as SIGTERM
    /// at once does; the queued file stays queued.
    @Test(arguments: [[SIGINT, SIGINT], [SIGTERM]])
    func stoppingNowAbandonsTheRequestsInFlight(signals: [Int32]) throws {
        let fake = try BuiltExecutable.startFakeServer(["--latency-ms", "3000"])
        defer { fake.stop() }
        let box = try Sandbox()
        defer { box.remove() }
        let (run, common) = try startTwoInFlight(3, fake: fake, box: box)
        for (index, signal) in signals.enumerated() {
            kill(run.processIdentifier, signal)
            if index + 1 < signals.count {
                // The next one only once this one is taken in.
                #expect(poll { (try? String(contentsOfFile: box.path("run.err"), encoding: .utf8))?
                    .contains("waiting for 2 answers already paid for") == true })
            }
        }
        #expect(waitForExit(run, timeout: 60))
        let status: Int32 = signals.last == SIGTERM ? 143 : 130
        #expect(run.terminationReason == .exit && run.terminationStatus == status)

        let reported = try lines(box, "run.out")
        #expect(reported.filter { $0.first == "failed" && $0[2].contains("outcome unknown") }.count == 2, "\(reported)")
        #expect(reported.filter { $0.first == "pending" }.count == 1, "\(reported)")
        #expect(try jobs(in: box).compactMap { $0["status"] as? String }.sorted() == ["outcome_unknown", "outcome_unknown", "queued"])

        // --resume sends the one left queued, and not the two that may have been billed.
        let resumed = try BuiltExecutable.run(["upscale", "--resume"] + common, in: box, environment: key)
        #expect(resumed.status == 0, "\(resumed.stdout) \(resumed.stderr)")
        #expect(resumed.lines.count == 1 && resumed.lines.first?.first == "ok")
        #expect(try jobs(in: box).compactMap { $0["status"] as? String }.sorted() == ["done", "outcome_unknown", "outcome_unknown"])
        // The fake finishes answering the abandoned two as well, so wait for all three before counting.
        #expect(poll(timeout: 30) { ((try? receivedCounts(fake))?.values.reduce(0, +) ?? 0) >= 3 })
        for (name, count) in try receivedCounts(fake) { #expect(count == 1, "\(name) was sent \(count) times") }
    }
}
