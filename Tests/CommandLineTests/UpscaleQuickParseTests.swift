import Foundation
import IdeogramKit
import Testing
// SplitMix64: a seeded generator, so a failing line can be reproduced.
@testable import FakeIdeogramCore
@testable import ideogram_tui

/// `UpscaleQuickParse` must give exactly what swift-argument-parser gives for `UpscaleCommand`,
/// or nothing (and then the full parser runs): never a different reading of a command line.
@Suite struct UpscaleQuickParseTests {
    private func full(_ line: [String]) -> UpscaleOptions? {
        (try? UpscaleCommand.parse(line))?.options
    }

    @Test func everyOptionIsReadAsTheFullParserReadsIt() throws {
        let lines: [[String]] = [
            ["a.png"],
            ["a.png", "b.jpg", "c.webp"],
            ["--prompt", "a quiet harbour at dusk", "a.png"],
            ["a.png", "--prompt=with = signs", "--resemblance", "80", "--detail=20"],
            ["--magic-prompt", "ON", "--magic-prompt-version", "V_0", "a.png"],
            ["--magic-prompt=off", "a.png", "--seed", "2147483647", "--num-images", "3"],
            ["--base-url", "http://127.0.0.1:9", "--dialect", "aggregator", "a.png"],
            ["--dialect=official", "--timeout", "30", "--out", "results dir", "a.png"],
            ["--max-upload-mb", "2.5", "--concurrency", "2", "--max-attempts", "1", "a.png"],
            ["--resume"],
            ["--resume", "--force", "--json", "--no-download", "--history", "/tmp/h.sqlite", "a.png"],
            ["a.png", "--seed", "+5"],
            // Out of the contract's range but well formed: the run refuses these, not the parser.
            ["--resemblance", "0", "--num-images", "99", "a.png"],
        ]
        for line in lines {
            let quick = UpscaleQuickParse.options(line)
            #expect(quick != nil, "declined \(line)")
            #expect(quick == full(line), "\(line)")
        }
    }

    @Test func anythingUnusualIsLeftToTheFullParser() {
        let lines: [[String]] = [
            [], ["--json"], ["help"], ["-h"], ["--help"], ["--version"], ["a.png", "--help"],
            ["-"], [""], ["a.png", "-x"], ["a.png", "--"], ["--", "-a.png"], ["a.png", "--unknown"],
            ["a.png", "--seed"], ["a.png", "--seed", "-5"], ["a.png", "--seed", "five"], ["a.png", "--seed="],
            ["a.png", "--prompt", ""], ["a.png", "--prompt", "--json"], ["a.png", "--json=true"],
            ["a.png", "--json", "--json"], ["a.png", "--seed", "1", "--seed", "2"],
            ["a.png", "--magic-prompt", "sometimes"], ["a.png", "--dialect", "unofficial"],
            ["a.png", "--max-upload-mb", "ten"], ["a.png", "--Prompt", "x"], ["a.png", "-prompt", "x"],
        ]
        for line in lines {
            #expect(UpscaleQuickParse.options(line) == nil, "\(line)")
        }
    }

    /// Thousands of lines drawn from tokens that mix good and bad: whenever the quick reading
    /// answers, the full parser accepts the line with the same values.
    @Test func neverDisagreesWithTheFullParser() {
        let tokens = [
            "a.png", "b.jpg", "--prompt", "sky", "--prompt=", "--resemblance", "50", "101", "-1", "x", "--detail=7",
            "--seed", "7", "--seed=8", "--json", "--json=1", "--magic-prompt", "ON", "auto", "maybe", "--magic-prompt-version",
            "V_0", "--dialect", "official", "Official", "--dialect=aggregator", "--max-upload-mb", "2.5", "1e1", "--timeout",
            "--out=dir", "--out", "--concurrency", "--max-attempts", "--resume", "--force", "--no-download", "--history",
            "--num-images", "--base-url", "http://h", "--", "-h", "help", "", "--help", "=", "--=x", "-", "3",
        ]
        var generator = SplitMix64(seed: 20261201)
        var accepted = 0
        for _ in 0..<4000 {
            let count = Int(generator.next() % 7)
            let line = (0..<count).map { _ in tokens[Int(generator.next() % UInt64(tokens.count))] }
            guard let quick = UpscaleQuickParse.options(line) else { continue }
            accepted += 1
            #expect(full(line) == quick, "\(line)")
        }
        // Enough accepted lines for the comparison to mean something.
        #expect(accepted > 300, "only \(accepted) lines were read quickly")
    }

    /// Every option and flag the command declares is an `UpscaleOptionName` (else lines using it
    /// would always take the slow way), and there is no name the command lacks.
    @Test func theNamesAreExactlyTheCommandsOptions() throws {
        let dump = try #require(UpscaleCommand._dumpHelp().data(using: .utf8))
        let json = try #require(try JSONSerialization.jsonObject(with: dump) as? [String: Any])
        let command = try #require(json["command"] as? [String: Any])
        let arguments = try #require(command["arguments"] as? [[String: Any]])
        var declared = Set<String>()
        for argument in arguments {
            for name in argument["names"] as? [[String: Any]] ?? [] where name["kind"] as? String == "long" {
                declared.insert(name["name"] as! String)
            }
        }
        declared.subtract(["help", "version"])  // answered by swift-argument-parser, never quickly
        #expect(declared == Set(UpscaleOptionName.allCases.map(\.rawValue)))
    }
}
