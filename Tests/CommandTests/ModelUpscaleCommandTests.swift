import FakeIdeogram
import Foundation
import Testing

/// `upscale --model` with the built executable against `ideogram-fake --generation-ms 300`:
/// a generation polled to its end, a quote that sends nothing billable, a failed generation.
@Suite(.serialized) struct ModelUpscaleCommandTests {
    let key = ["IDEOGRAM_API_KEY": "test-key"]

    /// What the fake's v2 side received, in order: `upscale`, `quote` or `poll` each.
    private func v2Calls(_ fake: FakeServer) throws -> [[String: Any]] {
        let text = try Curl.get(fake.baseURL + "/_fake/v2/calls")
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test func aTopazStandard2UpscaleIsSavedWithItsSidecarAndJSONFields() throws {
        let fake = try BuiltExecutable.startFakeServer(["--generation-ms", "300"])
        defer { fake.stop() }
        let box = try Sandbox()
        defer { box.remove() }
        let a = try box.samplePNG("a.png")
        let run = try BuiltExecutable.run(["upscale", a, "--model", "topaz-standard-2", "--factor", "x2", "--sharpen", "0.4",
                                           "--base-url", fake.baseURL, "--dialect", "official", "--json", "--out", box.out],
                                          in: box, environment: key)
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try jsonLines(run.stdout).first)
        #expect(object["status"] as? String == "done" && object["model"] as? String == "topaz-standard-2")
        let generation = try #require(object["generation_id"] as? String)
        #expect(object["quote_usd_micros"] is Int, "quoted (free) before it was sent")
        #expect(object["billed_usd_micros"] is Int)
        #expect(object["endpoint"] as? String == fake.baseURL + "/v2/image/upscale/topaz-standard-2")
        let result = try #require((object["results"] as? [[String: Any]])?.first)
        #expect(result["outcome"] as? String == "saved" && result["resolution"] as? String == "96x64")
        let file = try #require(result["file"] as? String)
        #expect(FileManager.default.fileExists(atPath: file))
        let sidecar = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file + ".json"))) as? [String: Any])
        #expect(sidecar["source_path"] as? String == a)

        let calls = try v2Calls(fake)
        #expect(calls.first?["kind"] as? String == "quote")
        let upload = try #require(calls.dropFirst().first)
        #expect(upload["kind"] as? String == "upscale" && upload["model"] as? String == "topaz-standard-2")
        #expect(upload["fields"] as? [String: String] == ["upscale_factor": "x2", "sharpen": "0.4", "async": "true"])
        #expect(calls.dropFirst(2).allSatisfy { $0["kind"] as? String == "poll" && $0["generationID"] as? String == generation })

        // `history --json` prints the same fields for the job.
        let listed = try #require(try jsonLines(try BuiltExecutable.run(["history", "--json"], in: box).stdout).first)
        #expect(listed["generation_id"] as? String == generation && listed["model"] as? String == "topaz-standard-2")
    }

    @Test func quotePrintsThePriceAndSendsNothingBillable() throws {
        let fake = try BuiltExecutable.startFakeServer(["--generation-ms", "300"])
        defer { fake.stop() }
        let box = try Sandbox()
        defer { box.remove() }
        let a = try box.samplePNG("a.png")
        let arguments = ["upscale", a, "--model", "topaz-standard-2", "--factor", "x4", "--quote", "--base-url", fake.baseURL,
                         "--dialect", "official", "--out", box.out]
        let run = try BuiltExecutable.run(arguments, in: box, environment: key)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try BuiltExecutable.run(arguments + ["--json"], in: box, environment: key)
        let quoted = try #require(try jsonLines(json.stdout).first)
        let micros = try #require(quoted["quote_usd_micros"] as? Int)
        #expect(quoted["source"] as? String == a && quoted["model"] as? String == "topaz-standard-2")
        #expect(quoted["qualifier"] as? String == "exact")
        let price = run.lines.first?[1]
        #expect(run.lines.first?[0] == a && price?.hasPrefix("$") == true, "\(run.stdout)")
        #expect(run.lines.last == ["total", price ?? ""], "one file: the total is its price")
        #expect(micros > 0)

        let calls = try v2Calls(fake)
        #expect(calls.count == 2 && calls.allSatisfy { $0["kind"] as? String == "quote" })
        #expect(try fake.received().isEmpty)
        let saved = (try? FileManager.default.contentsOfDirectory(atPath: box.out)) ?? []
        #expect(saved.isEmpty, "nothing was upscaled")
    }

    @Test func aFailedGenerationHasItsOwnExitCode() throws {
        let fake = try BuiltExecutable.startFakeServer(["--generation-ms", "300", "--fault", "fail:content_moderation"])
        defer { fake.stop() }
        let box = try Sandbox()
        defer { box.remove() }
        let a = try box.samplePNG("a.png")
        let run = try BuiltExecutable.run(["upscale", a, "--model", "topaz-standard-2", "--base-url", fake.baseURL,
                                           "--dialect", "official", "--json", "--out", box.out], in: box, environment: key)
        #expect(run.status == 10, "\(run.stdout) \(run.stderr)")
        let object = try #require(try jsonLines(run.stdout).first)
        #expect(object["status"] as? String == "failed" && object["error_category"] as? String == "generation_failed")
        #expect((object["error"] as? String)?.contains("content_moderation") == true)
        #expect(object["billed_usd_micros"] as? Int == 0)
    }

    @Test func aJobThatWouldPassTheDailyCapIsHeldReportedAndSentByAResumeWithARaisedCap() throws {
        let fake = try BuiltExecutable.startFakeServer(["--generation-ms", "300"])
        defer { fake.stop() }
        let box = try Sandbox()
        defer { box.remove() }
        let a = try box.samplePNG("a.png")
        let b = try box.samplePNG("b.png")
        // Each costs a few hundred micro-dollars at the fake's prices: the cap lets one through.
        let run = try BuiltExecutable.run(["upscale", a, b, "--model", "topaz-standard-2", "--max-spend", "0.0003", "--concurrency", "1",
                                           "--base-url", fake.baseURL, "--dialect", "official", "--json", "--out", box.out],
                                          in: box, environment: key)
        #expect(run.status == 11, "\(run.stdout) \(run.stderr)")
        let objects = try jsonLines(run.stdout)
        let done = try #require(objects.first { $0["source"] as? String == a })
        let held = try #require(objects.first { $0["source"] as? String == b })
        #expect(done["status"] as? String == "done")
        #expect(held["status"] as? String == "held_by_cap")
        let billed = try #require(done["billed_usd_micros"] as? Int)
        let hold = try #require(held["spending_hold"] as? [String: Any])
        #expect(hold["cap_usd_micros"] as? Int == 300 && hold["job_usd_micros"] as? Int == held["quote_usd_micros"] as? Int)
        #expect(hold["today_usd_micros"] as? Int == billed, "checked again once a was billed")
        #expect((held["error"] as? String)?.contains("would pass the cap $0.0003") == true)
        #expect(try v2Calls(fake).count { $0["kind"] as? String == "upscale" } == 1, "nothing sent for b")

        let spend = try BuiltExecutable.run(["history", "--spend", "--json"], in: box)
        #expect(spend.status == 0, "\(spend.stderr)")
        let rows = try jsonLines(spend.stdout)
        #expect(rows.count == 1)
        #expect(rows.first?["model"] as? String == "topaz-standard-2" && rows.first?["jobs"] as? Int == 1)
        #expect(rows.first?["billed_usd_micros"] as? Int == done["billed_usd_micros"] as? Int)
        #expect(rows.first?["is_estimate"] as? Bool == false)

        let resumed = try BuiltExecutable.run(["upscale", "--resume", "--max-spend", "1", "--base-url", fake.baseURL, "--dialect", "official",
                                               "--json", "--out", box.out], in: box, environment: key)
        #expect(resumed.status == 0, "\(resumed.stdout) \(resumed.stderr)")
        #expect(try jsonLines(resumed.stdout).first?["status"] as? String == "done")
        #expect(try v2Calls(fake).count { $0["kind"] as? String == "upscale" } == 2)
    }

    @Test func forceWithAV2ModelIsRefused() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let a = try box.samplePNG("a.png")
        let run = try BuiltExecutable.run(["upscale", a, "--model", "topaz-standard-2", "--force", "--base-url", "http://127.0.0.1:9",
                                           "--dialect", "official"], in: box, environment: key)
        #expect(run.status == 2)
        #expect(run.stderr.contains("--force only overrides the legacy fixed-seed duplicate check"))
    }
}
