import FakeIdeogram
import Foundation
import Testing

/// Issue 15: a v2 generation accepted before the client was killed (SIGKILL, no chance to
/// record anything more) is polled again by `upscale --resume`, never sent again, and saved once.
@Suite(.serialized) struct GenerationKillTests {
    let key = ["IDEOGRAM_API_KEY": "test-key"]

    private func v2(_ fake: FakeServer, _ route: String) throws -> [[String: Any]] {
        let text = try Curl.get(fake.baseURL + "/_fake/v2/" + route)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    private func jobs(in box: Sandbox) throws -> [[String: Any]] {
        let listed = try BuiltExecutable.run(["history", "--json"], in: box)
        #expect(listed.status == 0, "\(listed.stderr)")
        return try jsonLines(listed.stdout)
    }

    @Test func aGenerationAcceptedBeforeAKillIsPolledToItsEndByResumeAndSavedOnce() throws {
        // Long enough for the kill to land while the generation is pending.
        let fake = try BuiltExecutable.startFakeServer(["--generation-ms", "4000"])
        defer { fake.stop() }
        let box = try Sandbox()
        defer { box.remove() }
        let a = try box.samplePNG("a.png")
        let common = ["--model", "topaz-standard-2", "--base-url", fake.baseURL, "--dialect", "official", "--out", box.out]
        let first = try BuiltExecutable.start(["upscale", a] + common, in: box, environment: key, name: "first")
        // Accepted: the history holds its generation id (committed before any poll).
        let accepted = poll(every: 0.05) {
            guard FileManager.default.fileExists(atPath: box.historyPath) else { return false }
            return (try? jobs(in: box))?.first?["generation_id"] is String
        }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(accepted, "the generation was accepted before the kill")
        #expect(first.terminationReason == .uncaughtSignal, "killed, not finished")
        let generationID = try #require(try jobs(in: box).first?["generation_id"] as? String)
        #expect(try v2(fake, "generations").first?["status"] as? String == "pending", "killed while the generation runs")

        let resumed = try BuiltExecutable.run(["upscale", "--resume"] + common, in: box, environment: key)
        #expect(resumed.status == 0, "\(resumed.stdout) \(resumed.stderr)")
        #expect(resumed.stderr.contains("following 1 generation of an earlier run to its end"), "\(resumed.stderr)")
        #expect(!resumed.stderr.contains("nothing to resume"), "\(resumed.stderr)")
        #expect(resumed.stdout.hasPrefix("ok\t") && resumed.stdout.contains("a.png"), "a report line for the job: \(resumed.stdout)")

        let calls = try v2(fake, "calls")
        #expect(calls.filter { $0["kind"] as? String == "upscale" }.count == 1, "one POST for the image: \(calls)")
        let polls = calls.filter { $0["kind"] as? String == "poll" }
        #expect(polls.allSatisfy { $0["generationID"] as? String == generationID })
        #expect(polls.last?["generationStatus"] as? String == "completed", "polled to its end")
        let record = try #require(try v2(fake, "generations").first)
        #expect(record["status"] as? String == "completed")
        let billed = try #require(record["billedUSDMicros"] as? Int)

        let listed = try jobs(in: box)
        #expect(listed.count == 1)
        let job = try #require(listed.first)
        #expect(job["status"] as? String == "done" && job["generation_id"] as? String == generationID)
        #expect(job["billed_usd_micros"] as? Int == billed, "the amount the service billed")
        let results = job["results"] as? [[String: Any]] ?? []
        #expect(results.count == 1 && results.first?["outcome"] as? String == "saved")
        let file = try #require(results.first?["file"] as? String)
        #expect(FileManager.default.fileExists(atPath: file))
        // Saved once: the result and its sidecar, nothing more (hidden temporary files aside).
        let saved = try FileManager.default.contentsOfDirectory(atPath: box.out).filter { !$0.hasPrefix(".") }.sorted()
        #expect(saved == [(file as NSString).lastPathComponent, (file as NSString).lastPathComponent + ".json"].sorted())
        let sidecar = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file + ".json")))
            as? [String: Any])
        #expect(sidecar["source_path"] as? String == a)
    }
}
