import Foundation
import IdeogramClient
import IdeogramKit
import Testing
@testable import UpscaleQueue

@Suite("Fingerprints")
struct FingerprintTests {
    @Test func digestsAreSHA256InHex() {
        #expect(Job.hexDigest(of: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Job.hexDigest(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        #expect(bytes.withUnsafeBytes { Job.hexDigest(of: $0) } == Job.hexDigest(of: bytes))
    }

    @Test func onlyAFixedSeedHasADeduplicationKey() {
        #expect(Job.deduplicationKey(imageDigest: "d", request: UpscaleRequest()) == nil)
        let fixed = Job.deduplicationKey(imageDigest: "d", request: UpscaleRequest(seed: 1))
        #expect(fixed?.count == 64)
        #expect(fixed != Job.deduplicationKey(imageDigest: "e", request: UpscaleRequest(seed: 1)))
        #expect(fixed != Job.deduplicationKey(imageDigest: "d", request: UpscaleRequest(seed: 2)))
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
        #expect(OutputLocation.defaultDirectory(environment: env.merging(["XDG_PICTURES_DIR": "/pics/"]) { $1 }, isDirectory: { _ in false })
            == "/pics/ideogram-tui")
        #expect(OutputLocation.defaultDirectory(environment: env, isDirectory: { $0 == "/home/u/Pictures" })
            == "/home/u/Pictures/ideogram-tui")
        #expect(OutputLocation.defaultDirectory(environment: env, isDirectory: { _ in false }) == "/data/ideogram-tui/results")
    }
}

@Suite("Small pieces")
struct SmallPiecesTests {
    @Test func resultNamesComeFromTheSource() {
        #expect(OutputLocation.resultBaseName(sourcePath: "/p/beach.jpg", seed: 42, index: 0, count: 1) == "beach-upscaled-42")
        #expect(OutputLocation.resultBaseName(sourcePath: "/p/beach.v2.png", seed: 42, index: 1, count: 3) == "beach.v2-upscaled-42-2")
        #expect(OutputLocation.resultBaseName(sourcePath: "/p/.hidden", seed: 1, index: 0, count: 1) == ".hidden-upscaled-1")
    }

    @Test func storedFailuresRoundTrip() throws {
        let errors: [UpscaleError] = [
            .invalidRequest(.outOfRange(field: "detail", value: "0", allowed: "1 to 100")),
            .invalidImage(.corruptHeader(path: "/a.png", format: .png, detail: "bad")),
            .outOfCredit(reason: nil, message: "m"), .rateLimited(retryAfter: 3, message: "m"),
            .serverError(status: 503, message: "m"), .timeout(seconds: 10), .cancelled(requestFullySent: true),
        ]
        for error in errors {
            let text = StoredJSON.encode(error)
            #expect(try StoredJSONReader().decode(UpscaleError.self, text, what: "failure") == error)
        }
    }
}

@Suite("Owner-only folders")
struct OwnerOnlyFolderTests {
    @Test func createsMissingParentsOwnerOnlyAndLeavesAnExistingFolderAsItIs() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let nested = folder.path + "/a/b"
        try OwnerOnlyFolder.ensure(nested)
        var info = stat()
        #expect(stat(nested, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR)
        #expect(info.st_mode & 0o777 == 0o700)
        // An existing folder, even one the user opened up, is used as it is.
        chmod(nested, 0o755)
        try OwnerOnlyFolder.ensure(nested)
        #expect(stat(nested, &info) == 0 && info.st_mode & 0o777 == 0o755)
        // A file in the way is an error, not a folder.
        let file = folder.path + "/file"
        #expect(FileManager.default.createFile(atPath: file, contents: Data()))
        #expect(throws: (any Error).self) { try OwnerOnlyFolder.ensure(file) }
    }
}
