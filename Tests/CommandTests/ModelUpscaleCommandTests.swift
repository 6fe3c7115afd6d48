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
        #expect(object["quote_usd_micros"] is NSNull, "no quote was asked")
        #expect(object["billed_usd_micros"] is Int)
        #expect(object["endpoint"] as? String == fake.baseURL + "/v2/image/upscale/topaz-standard-2")
        let result = try #require((object["results"] as? [[String: Any]])?.first)
        #expect(result["outcome"] as? String == "saved" && result["resolution"] as? String == "96x64")
        let file = try #require(result["file"] as? String)
        #expect(FileManager.default.fileExists(atPath: file))
        let sidecar = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file + ".json"))) as? [String: Any])
        #expect(sidecar["source_path"] as? String == a)

        let calls = try v2Calls(fake)
        let upload = try #require(calls.first)
        #expect(upload["kind"] as? String == "upscale" && upload["model"] as? String == "topaz-standard-2")
        #expect(upload["fields"] as? [String: String] == ["upscale_factor": "x2", "sharpen": "0.4", "async": "true"])
        #expect(calls.dropFirst().allSatisfy { $0["kind"] as? String == "poll" && $0["generationID"] as? String == generation })

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
}
