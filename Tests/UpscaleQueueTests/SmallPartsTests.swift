import Foundation
import IdeogramKit
import Testing
@testable import UpscaleQueue

@Suite("SHA-256")
struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func feedingInPiecesGivesTheSameDigest() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        for split in [1, 55, 63, 64, 65, 500] {
            var hasher = SHA256()
            var rest = bytes[...]
            while !rest.isEmpty {
                let piece = Array(rest.prefix(split))
                hasher.update(piece)
                rest = rest.dropFirst(split)
            }
            #expect(hasher.finalizeHex() == SHA256.hex(bytes))
        }
    }
}

@Suite("Default paths")
struct QueuePathsTests {
    @Test func historyFollowsXDGDataHome() {
        #expect(QueuePaths.defaultHistoryPath(environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/u"])
            == "/data/ideogram-tui/history.sqlite")
        #expect(QueuePaths.defaultHistoryPath(environment: ["HOME": "/home/u"]) == "/home/u/.local/share/ideogram-tui/history.sqlite")
        #expect(QueuePaths.defaultHistoryPath(environment: ["XDG_DATA_HOME": "relative", "HOME": "/home/u"])
            == "/home/u/.local/share/ideogram-tui/history.sqlite", "XDG ignores relative paths")
    }

    @Test func resultsGoToPicturesWhenThereAreAny() {
        let env = ["HOME": "/home/u", "XDG_DATA_HOME": "/data"]
        #expect(QueuePaths.defaultOutputDirectory(environment: env.merging(["XDG_PICTURES_DIR": "/pics/"]) { $1 }, isDirectory: { _ in false })
            == "/pics/ideogram-tui")
        #expect(QueuePaths.defaultOutputDirectory(environment: env, isDirectory: { $0 == "/home/u/Pictures" })
            == "/home/u/Pictures/ideogram-tui")
        #expect(QueuePaths.defaultOutputDirectory(environment: env, isDirectory: { _ in false }) == "/data/ideogram-tui/results")
    }
}

@Suite("Small pieces")
struct SmallPiecesTests {
    @Test func resultNamesComeFromTheSource() {
        #expect(ResultFileName.baseName(sourcePath: "/p/beach.jpg", seed: 42, index: 0, imageCount: 1) == "beach-upscaled-42")
        #expect(ResultFileName.baseName(sourcePath: "/p/beach.v2.png", seed: 42, index: 1, imageCount: 3) == "beach.v2-upscaled-42-2")
        #expect(ResultFileName.baseName(sourcePath: "/p/.hidden", seed: 1, index: 0, imageCount: 1) == ".hidden-upscaled-1")
    }

    @Test func storedFailuresRoundTrip() throws {
        let errors: [UpscaleError] = [
            .invalidRequest(.outOfRange(field: "detail", value: "0", allowed: "1 to 100")),
            .invalidImage(.corruptHeader(path: "/a.png", format: .png, detail: "bad")),
            .outOfCredit(reason: nil, message: "m"), .rateLimited(retryAfter: 3, message: "m"),
            .serverError(status: 503, message: "m"), .timeout(seconds: 10), .cancelled(requestFullySent: true),
        ]
        for error in errors {
            let text = StoredJSON.encode(StoredFailure(error))
            #expect(try StoredJSON.decode(StoredFailure.self, text, what: "failure").error == error)
        }
    }
}
