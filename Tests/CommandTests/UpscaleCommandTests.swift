import FakeIdeogram
import Foundation
import Testing

/// The built executable against a fake service started as a separate process.
@Suite(.serialized) struct UpscaleCommandTests {
    let key = ["IDEOGRAM_API_KEY": "test-key"]

    @Test func upscalesFilesAndSavesResultsWithSidecars() throws {
        let fake = try BuiltExecutable.startFakeServer()
        defer { fake.stop() }
        let box = try Sandbox()
        defer { box.remove() }
        let a = try box.samplePNG("a.png"), b = try box.samplePNG("b one.png", width: 20, height: 10)

        let run = try BuiltExecutable.run(["upscale", a, b, "--base-url", fake.baseURL, "--seed", "77", "--num-images", "2", "--out", box.out],
                                          in: box, environment: key)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.lines
        #expect(lines.count == 4)
        #expect(lines.allSatisfy { $0.count == 6 && $0[0] == "ok" })
        // Files finish in any order; each one's lines come together, in the answer's order.
        let aLines = lines.filter { $0[1] == a }, bLines = lines.filter { $0[1] == b }
        #expect(aLines.map { $0[2] } == [box.out + "/a-upscaled-77-1.png", box.out + "/a-upscaled-78-2.png"])
        #expect(aLines.first?[3] == "96x64" && aLines.first?[4] == "77" && aLines.first?[5].hasPrefix(fake.baseURL) == true)
        #expect(bLines.first?[3] == "40x20")
        let files = try FileManager.default.contentsOfDirectory(atPath: box.out).sorted()
        #expect(files == ["a-upscaled-77-1.png", "a-upscaled-77-1.png.json", "a-upscaled-78-2.png", "a-upscaled-78-2.png.json",
                          "b one-upscaled-77-1.png", "b one-upscaled-77-1.png.json", "b one-upscaled-78-2.png", "b one-upscaled-78-2.png.json"])
        let sidecar = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: box.out + "/a-upscaled-77-1.png.json"))) as? [String: Any]
        #expect(sidecar?["source_path"] as? String == a)
        #expect(sidecar?["seed"] as? Int == 77)
        #expect(FileManager.default.fileExists(atPath: box.historyPath), "the run is recorded in the sandbox's history")
    }

    @Test func jsonLinesWhenAsked() throws {
        let fake = try BuiltExecutable.startFakeServer()
        defer { fake.stop() }
        let box = try Sandbox()
        defer { box.remove() }
        let a = try box.samplePNG("a.png")
        let run = try BuiltExecutable.run(["upscale", a, "--base-url", fake.baseURL, "--dialect", "official", "--json", "--out", box.out],
                                          in: box, environment: key)
        #expect(run.status == 0, "\(run.stderr)")
        let objects = try jsonLines(run.stdout)
        #expect(objects.count == 1)
        let object = objects.first
        #expect(object?["status"] as? String == "done")
        #expect(object?["source"] as? String == a)
        #expect((object?["job_id"] as? String)?.count == 36)
        #expect(object?["duplicate"] as? Bool == false && object?["error"] is NSNull)
        let images = object?["results"] as? [[String: Any]]
        #expect(images?.first?["outcome"] as? String == "saved")
        #expect((images?.first?["file"] as? String)?.hasPrefix(box.out) == true)
        #expect((images?.first?["sidecar"] as? String)?.hasSuffix(".png.json") == true)

        // `history --json` prints the same object for the job.
        let listed = try BuiltExecutable.run(["history", "--json"], in: box)
        #expect(try jsonLines(listed.stdout).first.map { Set($0.keys) } == object.map { Set($0.keys) })
    }

    /// Settings are resolved as in the UI: the key file and base_url of config.toml work here.
    @Test func theKeyFileAndBaseURLOfConfigTomlAreUsed() throws {
        let fake = try BuiltExecutable.startFakeServer()
        defer { fake.stop() }
        let box = try Sandbox()
        defer { box.remove() }
        let a = try box.samplePNG("a.png")
        let folder = box.home + "/.config/ideogram-tui"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "base_url = \"\(fake.baseURL)\"\noutput_dir = \"\(box.out)\"\n".write(toFile: folder + "/config.toml", atomically: true, encoding: .utf8)
        try "test-key\n".write(toFile: folder + "/key", atomically: true, encoding: .utf8)
        chmod(folder + "/key", 0o600)
        let run = try BuiltExecutable.run(["upscale", a], in: box)
        #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
        #expect(run.lines.first?[0] == "ok" && run.lines.first?[2].hasPrefix(box.out + "/") == true, "\(run.stdout)")
        #expect(try fake.received().count == 1)
    }

    @Test func aDuplicateIsShownNotSentUnlessForced() throws {
        let fake = try BuiltExecutable.startFakeServer()
        defer { fake.stop() }
        let box = try Sandbox()
        defer { box.remove() }
        let a = try box.samplePNG("a.png")
        let arguments = ["upscale", a, "--base-url", fake.baseURL, "--seed", "5", "--out", box.out]
        let first = try BuiltExecutable.run(arguments, in: box, environment: key)
        #expect(first.status == 0, "\(first.stderr)")
        let again = try BuiltExecutable.run(arguments, in: box, environment: key)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.lines.first?[0] == "duplicate")
        #expect(again.lines.first?[2] == first.lines.first?[2], "the earlier result is shown")
        #expect(try fake.received().count == 1)
        let forced = try BuiltExecutable.run(arguments + ["--force"], in: box, environment: key)
        #expect(forced.status == 0)
        #expect(forced.lines.first?[0] == "ok")
        #expect(forced.lines.first?[2] != first.lines.first?[2], "a new file, the first one kept")
        #expect(try fake.received().count == 2)
    }

    @Test func badInputIsRefusedBeforeAnythingIsSent() throws {
        let fake = try BuiltExecutable.startFakeServer()
        defer { fake.stop() }
        let box = try Sandbox()
        defer { box.remove() }
        let good = try box.samplePNG("good.png")
        let text = box.path("images/notes.png")
        try Data("hello".utf8).write(to: URL(fileURLWithPath: text))

        let run = try BuiltExecutable.run(["upscale", good, text, "--base-url", fake.baseURL], in: box, environment: key)
        #expect(run.status == 2)
        #expect(run.stderr.contains("notes.png: text, not an image; the API accepts PNG, JPEG and WEBP\nnothing was sent\n"),
                "one problem per line: \(run.stderr)")
        let range = try BuiltExecutable.run(["upscale", good, "--resemblance", "0", "--base-url", fake.baseURL], in: box, environment: key)
        #expect(range.status == 2)
        #expect(range.stderr.contains("resemblance 0 is out of range: allowed 1 to 100"))
        let concurrency = try BuiltExecutable.run(["upscale", good, "--concurrency", "11", "--base-url", fake.baseURL], in: box, environment: key)
        #expect(concurrency.status == 2)
        #expect(try fake.received().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: box.historyPath), "nothing was queued either")
    }

    /// `head -c 100 photo.png > cut.png`: refused before sending, in the preview's words.
    @Test func aTruncatedImageIsRefusedBeforeAnythingIsSent() throws {
        let fake = try BuiltExecutable.startFakeServer()
        defer { fake.stop() }
        let box = try Sandbox()
        defer { box.remove() }
        let photo = try box.samplePNG("photo.png", width: 64, height: 48)
        let cut = box.path("images/cut.png")
        try Data(try Data(contentsOf: URL(fileURLWithPath: photo)).prefix(100)).write(to: URL(fileURLWithPath: cut))

        let run = try BuiltExecutable.run(["upscale", cut, "--base-url", fake.baseURL, "--out", box.out], in: box, environment: key)
        #expect(run.status == 2, "\(run.stdout) \(run.stderr)")
        #expect(run.stderr.contains("cut.png: PNG is truncated: the file ends before the image does"), "\(run.stderr)")
        #expect(run.stderr.contains("nothing was sent"), "\(run.stderr)")
        #expect(try fake.received().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: box.historyPath), "nothing was queued either")
    }

    @Test func missingOrWrongKeyExitsWithTheAuthorisationCode() throws {
        let fake = try BuiltExecutable.startFakeServer()
        defer { fake.stop() }
        let box = try Sandbox()
        defer { box.remove() }
        let good = try box.samplePNG("good.png")
        let none = try BuiltExecutable.run(["upscale", good, "--base-url", fake.baseURL], in: box)
        #expect(none.status == 3)
        #expect(none.stderr.contains("no API key: set IDEOGRAM_API_KEY"))
        let wrong = try BuiltExecutable.run(["upscale", good, "--base-url", fake.baseURL, "--out", box.out],
                                            in: box, environment: ["IDEOGRAM_API_KEY": "sk-wrong-0123456789abcdef"])
        #expect(wrong.status == 3)
        #expect(wrong.lines.first?[0] == "pending", "left queued for --resume once the key is fixed")
        #expect(!wrong.stdout.contains("sk-wrong-0123456789abcdef") && !wrong.stderr.contains("sk-wrong-0123456789abcdef"))
    }

    @Test(arguments: [("402", Int32(4), "pending"), ("422", Int32(5), "failed"), ("429:0", Int32(7), "failed"),
                      ("close", Int32(8), "failed"), ("503", Int32(1), "failed")])
    func faultsGiveDistinctExitCodes(fault: String, status: Int32, line: String) throws {
        let fake = try BuiltExecutable.startFakeServer(["--fault", fault])
        defer { fake.stop() }
        let box = try Sandbox()
        defer { box.remove() }
        let good = try box.samplePNG("good.png")
        let run = try BuiltExecutable.run(["upscale", good, "--base-url", fake.baseURL, "--out", box.out, "--max-attempts", "1"],
                                          in: box, environment: key)
        #expect(run.status == status, "\(fault): \(run.stdout) \(run.stderr)")
        #expect(run.stdout.hasPrefix(line + "\t"), "\(run.stdout)")
    }

    @Test func transientFailuresAreRetried() throws {
        let fake = try BuiltExecutable.startFakeServer(["--fault", "429:0", "--fault", "503"])
        defer { fake.stop() }
        let box = try Sandbox()
        defer { box.remove() }
        let good = try box.samplePNG("good.png")
        let run = try BuiltExecutable.run(["upscale", good, "--base-url", fake.baseURL, "--out", box.out], in: box, environment: key)
        #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
        #expect(try fake.received().map(\.status) == [429, 503, 200])
    }

    @Test func networkFailureHasItsOwnCode() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let good = try box.samplePNG("good.png")
        let run = try BuiltExecutable.run(["upscale", good, "--base-url", "http://127.0.0.1:9", "--out", box.out, "--max-attempts", "1"],
                                          in: box, environment: key)
        #expect(run.status == 6, "\(run.stdout) \(run.stderr)")
        #expect(run.stdout.contains("connection refused: nothing listens at http://127.0.0.1:9"), "\(run.stdout)")
    }

    /// An unparsable command line gets swift-argument-parser's message, usage and status.
    @Test func aCommandLineThatDoesNotParseGetsTheFullUsageAndStatus64() throws {
        let run = try BuiltExecutable.run(["upscale", "--bogus", "a.png"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("Unknown option '--bogus'"), "\(run.stderr)")
        #expect(run.stderr.contains("Usage: ideogram-tui upscale [<options>] [<file> ...]"), "\(run.stderr)")
        let missing = try BuiltExecutable.run(["upscale"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("give at least one image file (or --resume)"), "\(missing.stderr)")
    }

    @Test func helpDocumentsTheExitCodes() throws {
        let run = try BuiltExecutable.run(["upscale", "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("USAGE: ideogram-tui upscale [<options>] [<file> ...]"))
        for code in ["3    no API key", "4    out of credit", "5    rejected by the safety check", "6    network failure",
                     "8    sent, but no answer", "9    the history is busy", "130  interrupted", "143  stopped by SIGTERM"] {
            #expect(run.stdout.contains(code), "\(code)")
        }
        #expect(run.stdout.contains("ok|withheld|failed|duplicate|pending"))
    }
}
