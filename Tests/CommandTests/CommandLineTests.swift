import Foundation
import Testing

/// The command line itself: help laid out for the terminal, and values refused in plain words.
/// Nothing here needs the fake service.
@Suite struct CommandLineTests {
    static let helpPages = [["--help"], ["ui", "--help"], ["upscale", "--help"], ["history", "--help"], ["preview", "--help"]]

    /// Paragraphs are wrapped once, at the width asked for: no word is left alone on a line in
    /// the middle of a paragraph, as hard line breaks wrapped again would leave it.
    @Test(arguments: helpPages)
    func helpIsWrappedOnceAtTheTerminalWidth(arguments: [String]) throws {
        let run = try BuiltExecutable.run(arguments, environment: ["COLUMNS": "80"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for line in lines where !line.hasPrefix("USAGE: ") {
            #expect(line.count <= 80, "wider than 80 columns: \(line)")
        }
        for (line, next) in zip(lines, lines.dropFirst()) {
            let indent = line.prefix { $0 == " " }.count, nextIndent = next.prefix { $0 == " " }.count
            let alone = line.split(separator: " ").count == 1 && !line.hasSuffix(":") && !next.isEmpty && nextIndent >= indent
            #expect(!alone, "a word alone in a paragraph: '\(line)' followed by '\(next)'")
        }
    }

    /// The settings and key files are named as they are looked for, under $XDG_CONFIG_HOME.
    @Test func helpNamesTheConfigAndKeyFilesUnderXDGConfigHome() throws {
        for arguments in [["--help"], ["upscale", "--help"]] {
            let run = try BuiltExecutable.run(arguments, environment: ["COLUMNS": "200"])
            #expect(run.stdout.contains("$XDG_CONFIG_HOME/ideogram-tui/config.toml"), "\(arguments)")
            #expect(run.stdout.contains("$XDG_CONFIG_HOME/ideogram-tui/key"), "\(arguments)")
            #expect(run.stdout.contains("~/.config"), "the fallback is named: \(arguments)")
            #expect(!run.stdout.contains("~/.config/ideogram-tui"), "not the fallback alone: \(arguments)")
        }
    }

    /// A negative number is a value to check, not an unknown option: the message gives the
    /// allowed range, with `--seed -1` as with `--seed=-1`, before anything is sent.
    @Test(arguments: [(["--seed", "-1"], "seed -1 is out of range: allowed 0 to 2147483647"),
                      (["--seed=-1"], "seed -1 is out of range: allowed 0 to 2147483647"),
                      (["--resemblance", "-5"], "resemblance -5 is out of range: allowed 1 to 100"),
                      (["--detail", "-3"], "detail -3 is out of range: allowed 1 to 100"),
                      (["--num-images", "-1"], "num_images -1 is out of range: allowed 1 to 8"),
                      (["--concurrency", "-2"], "-2 is out of range: allowed 1 to 10"),
                      (["--timeout", "-1"], "--timeout -1 is out of range"),
                      (["--max-attempts", "-1"], "--max-attempts -1 is out of range: allowed 1 to 20"),
                      (["--max-upload-mb", "-1"], "--max-upload-mb -1.0 is out of range")])
    func aNegativeNumberIsRefusedWithTheAllowedRange(option: [String], message: String) throws {
        let box = try Sandbox()
        defer { box.remove() }
        let image = try box.samplePNG("a.png")
        let run = try BuiltExecutable.run(["upscale", image, "--base-url", "http://127.0.0.1:9"] + option,
                                          in: box, environment: ["IDEOGRAM_API_KEY": "test-key"])
        #expect(run.status == 2, "\(option): \(run.stderr)")
        #expect(run.stderr.contains(message), "\(option): \(run.stderr)")
        #expect(!run.stderr.contains("Missing value"), "\(option): \(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: box.historyPath), "nothing was queued")
    }

    @Test func aNegativeLimitIsRefusedAsSuch() throws {
        let run = try BuiltExecutable.run(["history", "--limit", "-1"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--limit must be 1 or more"), "\(run.stderr)")
    }
}
