import Foundation
import Testing

@Suite(.serialized) struct HistoryCommandTests {
    let key = ["IDEOGRAM_API_KEY": "test-key"]

    @Test func listsPastJobsWithStateSeedResolutionFileAndURL() throws {
        let fake = try BuiltExecutable.startFakeServer(["--fault", "422"])
        defer { fake.stop() }
        let box = try Sandbox()
        defer { box.remove() }
        let a = try box.samplePNG("a.png")
        let b = try box.samplePNG("b.png", width: 20, height: 10, seed: 9)
        // One at a time, so a gets the 422 and b succeeds.
        let run = try BuiltExecutable.run(["upscale", a, b, "--base-url", fake.baseURL, "--seed", "42", "--out", box.out, "--concurrency", "1"],
                                          in: box, environment: key)
        #expect(run.status == 5, "\(run.stdout) \(run.stderr)")

        let plain = try BuiltExecutable.run(["history"], in: box)
        #expect(plain.status == 0, "\(plain.stderr)")
        let lines = plain.lines
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.count == 9 })
        let newest = try #require(lines.first), oldest = try #require(lines.last)
        #expect(newest[2] == "done" && newest[3] == b && newest[4] == "42" && newest[5] == "40x20")
        #expect(newest[6] == box.out + "/b-upscaled-42.png" && FileManager.default.fileExists(atPath: newest[6]))
        #expect(newest[7].hasPrefix(fake.baseURL) && newest[8] == "-")
        #expect(oldest[2] == "rejected" && oldest[3] == a && oldest[6] == "-" && oldest[8].contains("safety check"))

        let json = try BuiltExecutable.run(["history", "--json", "--limit", "1"], in: box)
        let objects = try jsonLines(json.stdout)
        #expect(objects.count == 1)
        #expect(objects.first?["status"] as? String == "done")
        #expect(objects.first?["source"] as? String == b)
        let result = (objects.first?["results"] as? [[String: Any]])?.first
        #expect(result?["seed"] as? Int == 42 && result?["resolution"] as? String == "40x20")
        #expect(result?["outcome"] as? String == "saved" && (result?["sidecar"] as? String)?.hasSuffix(".png.json") == true)
        #expect((objects.first?["request"] as? [String: Any])?["seed"] as? Int == 42)

        // The same history, named by the environment instead.
        let named = try BuiltExecutable.run(["history"], environment: ["IDEOGRAM_HISTORY": box.historyPath])
        #expect(named.stdout == plain.stdout)
    }

    @Test func saysClearlyWhenThereIsNoHistoryOrItWasMovedAside() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let none = try BuiltExecutable.run(["history"], in: box)
        #expect(none.status == 0)
        #expect(none.stderr.contains("no history yet"))
        #expect(!FileManager.default.fileExists(atPath: box.historyPath), "listing does not create one")

        let garbage = box.path("garbage.sqlite")
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: garbage))
        let moved = try BuiltExecutable.run(["history", "--history", garbage], in: box)
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(moved.stderr.contains("could not be used") && moved.stderr.contains("moved to " + garbage + ".corrupt-"))
        #expect(moved.stdout.isEmpty)

        let directory = try BuiltExecutable.run(["history", "--history", box.out], in: box)
        #expect(directory.status == 9, "\(directory.stderr)")
        #expect(directory.stderr.contains("cannot open the history"))
    }
}
