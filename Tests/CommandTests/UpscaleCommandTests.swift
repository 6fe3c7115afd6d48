import FakeIdeogram
import Foundation
import Testing

/// The built executable against a fake service started as a separate process.
@Suite(.serialized) struct UpscaleCommandTests {
    private func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ideogram-cmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// GET with curl: Foundation on Linux has no HTTP of its own without FoundationNetworking.
    private func fetch(_ url: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-sS", url]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func samplePNG(in dir: URL, name: String, width: Int = 48, height: Int = 32) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(SamplePictures.png(width: width, height: height, seed: 3)).write(to: url)
        return url.path
    }

    @Test func upscalesFilesAndSavesResultsWithSidecars() throws {
        let (server, base) = try BuiltExecutable.startFakeServer()
        defer { server.terminate(); server.waitUntilExit() }
        let dir = try tempDir()
        let a = try samplePNG(in: dir, name: "a.png"), b = try samplePNG(in: dir, name: "b one.png", width: 20, height: 10)
        let out = dir.appendingPathComponent("results").path

        let run = try BuiltExecutable.run(
            ["upscale", a, b, "--base-url", base, "--seed", "77", "--num-images", "2", "--out", out],
            environment: ["IDEOGRAM_API_KEY": "test-key"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines.count == 4)
        #expect(lines.allSatisfy { $0.count == 6 && $0[0] == "ok" })
        #expect(lines[0][2] == out + "/a-upscaled-77-1.png" && lines[0][3] == "96x64" && lines[0][4] == "77")
        #expect(lines[2][3] == "40x20")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["a-upscaled-77-1.png", "a-upscaled-77-1.png.json", "a-upscaled-78-2.png", "a-upscaled-78-2.png.json",
                          "b one-upscaled-77-1.png", "b one-upscaled-77-1.png.json", "b one-upscaled-78-2.png", "b one-upscaled-78-2.png.json"])
    }

    @Test func jsonLinesWhenAsked() throws {
        let (server, base) = try BuiltExecutable.startFakeServer()
        defer { server.terminate(); server.waitUntilExit() }
        let dir = try tempDir()
        let a = try samplePNG(in: dir, name: "a.png")
        let run = try BuiltExecutable.run(["upscale", a, "--base-url", base, "--dialect", "official", "--json", "--out", dir.path],
                                          environment: ["IDEOGRAM_API_KEY": "test-key"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(object?["status"] as? String == "done")
        let images = object?["images"] as? [[String: Any]]
        #expect(images?.first?["status"] as? String == "saved")
        #expect((images?.first?["file"] as? String)?.hasPrefix(dir.path) == true)
    }

    @Test func badInputIsRefusedBeforeAnythingIsSent() throws {
        let (server, base) = try BuiltExecutable.startFakeServer()
        defer { server.terminate(); server.waitUntilExit() }
        let dir = try tempDir()
        let good = try samplePNG(in: dir, name: "good.png")
        let text = dir.appendingPathComponent("notes.png").path
        try Data("hello".utf8).write(to: URL(fileURLWithPath: text))

        let run = try BuiltExecutable.run(["upscale", good, text, "--base-url", base], environment: ["IDEOGRAM_API_KEY": "test-key"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("notes.png: text, not an image"))
        #expect(run.stderr.contains("nothing was sent"))
        let range = try BuiltExecutable.run(["upscale", good, "--resemblance", "0", "--base-url", base], environment: ["IDEOGRAM_API_KEY": "test-key"])
        #expect(range.status == 2)
        #expect(range.stderr.contains("resemblance 0 is out of range: allowed 1 to 100"))
        #expect(try fetch(base + "/_fake/requests") == "[]")
    }

    @Test func missingOrWrongKeyExitsWithTheAuthorisationCode() throws {
        let (server, base) = try BuiltExecutable.startFakeServer()
        defer { server.terminate(); server.waitUntilExit() }
        let dir = try tempDir()
        let good = try samplePNG(in: dir, name: "good.png")
        let none = try BuiltExecutable.run(["upscale", good, "--base-url", base])
        #expect(none.status == 3)
        #expect(none.stderr.contains("no API key: set IDEOGRAM_API_KEY"))
        let wrong = try BuiltExecutable.run(["upscale", good, "--base-url", base, "--out", dir.path],
                                            environment: ["IDEOGRAM_API_KEY": "sk-wrong-0123456789abcdef"])
        #expect(wrong.status == 3)
        #expect(!wrong.stdout.contains("sk-wrong-0123456789abcdef") && !wrong.stderr.contains("sk-wrong-0123456789abcdef"))
    }

    @Test(arguments: [("402", Int32(4)), ("422", Int32(5)), ("429:1", Int32(7)), ("close", Int32(8)), ("503", Int32(1))])
    func faultsGiveDistinctExitCodes(fault: String, status: Int32) throws {
        let (server, base) = try BuiltExecutable.startFakeServer(["--fault", fault])
        defer { server.terminate(); server.waitUntilExit() }
        let dir = try tempDir()
        let good = try samplePNG(in: dir, name: "good.png")
        let run = try BuiltExecutable.run(["upscale", good, "--base-url", base, "--out", dir.path], environment: ["IDEOGRAM_API_KEY": "test-key"])
        #expect(run.status == status, "\(fault): \(run.stdout) \(run.stderr)")
        #expect(run.stdout.hasPrefix("failed\t"))
    }

    @Test func networkFailureHasItsOwnCode() throws {
        let dir = try tempDir()
        let good = try samplePNG(in: dir, name: "good.png")
        let run = try BuiltExecutable.run(["upscale", good, "--base-url", "http://127.0.0.1:9", "--out", dir.path],
                                          environment: ["IDEOGRAM_API_KEY": "test-key"])
        #expect(run.status == 6, "\(run.stdout) \(run.stderr)")
    }

    @Test func helpDocumentsTheExitCodes() throws {
        let run = try BuiltExecutable.run(["upscale", "--help"])
        #expect(run.status == 0)
        for code in ["3  no API key", "4  out of credit", "5  rejected by the safety check", "6  network failure", "8  sent, but no answer"] {
            #expect(run.stdout.contains(code), "\(code)")
        }
    }
}
