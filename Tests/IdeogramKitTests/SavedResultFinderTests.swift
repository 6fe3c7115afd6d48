import Foundation
@testable import IdeogramClient
@testable import IdeogramKit
import Testing

@Suite struct SavedResultFinderTests {
    private func sidecar(url: String, index: Int) throws -> ResultSidecar {
        let image = UpscaledImage(seed: 7, prompt: "p", resolution: "80x60", url: url, isImageSafe: true)
        return ResultSidecar(sourcePath: "/src/a.png", endpoint: try Endpoint(baseURL: "http://127.0.0.1:9", dialect: .official),
                             request: UpscaleRequest(), image: image, index: index, created: nil, submittedAt: Date(), answeredAt: Date())
    }

    private func save(_ name: String, in dir: String, sidecar: ResultSidecar?) {
        #expect(FileManager.default.createFile(atPath: dir + "/" + name, contents: Data([1, 2, 3])))
        if let sidecar { #expect(FileManager.default.createFile(atPath: dir + "/" + name + ".json", contents: sidecar.encoded())) }
    }

    @Test func findsTheFileWhoseSidecarNamesTheURLAndIndex() throws {
        let dir = try TestImages.temporaryDirectory().path
        save("a-upscaled-7.png", in: dir, sidecar: try sidecar(url: "https://x/other", index: 0))
        save("a-upscaled-7-2.jpg", in: dir, sidecar: try sidecar(url: "https://x/mine", index: 1))
        save("a-upscaled-7-3.png", in: dir, sidecar: try sidecar(url: "https://x/mine", index: 0))
        let found = SavedResultFinder.find(in: dir, baseName: "a-upscaled-7", url: "https://x/mine", index: 0)
        #expect(found == DownloadedFile(path: dir + "/a-upscaled-7-3.png", sidecarPath: dir + "/a-upscaled-7-3.png.json",
                                        bytes: 3, format: .png))
    }

    @Test func aFileWithoutItsSidecarOrAfterAGapIsNotTaken() throws {
        let dir = try TestImages.temporaryDirectory().path
        save("b-upscaled-7.png", in: dir, sidecar: nil)
        #expect(SavedResultFinder.find(in: dir, baseName: "b-upscaled-7", url: "https://x/mine", index: 0) == nil)
        // -2 is missing: the names stop there, so -3 belongs to something else.
        save("b-upscaled-7-3.png", in: dir, sidecar: try sidecar(url: "https://x/mine", index: 0))
        #expect(SavedResultFinder.find(in: dir, baseName: "b-upscaled-7", url: "https://x/mine", index: 0) == nil)
        #expect(SavedResultFinder.find(in: dir + "/missing", baseName: "b", url: "https://x/mine", index: 0) == nil)
    }
}

@Suite struct StalePartTests {
    @Test func partsOfDeadProcessesGoThoseOfLiveOnesStay() throws {
        let dir = try TestImages.temporaryDirectory().path
        // A pid above the kernel's maximum is never alive.
        let dead = ".c-upscaled-7.part-4194399-abc", live = ".c-upscaled-7.part-\(getpid())-def", other = ".d.part-4194399-x"
        for name in [dead, live, other] { #expect(FileManager.default.createFile(atPath: dir + "/" + name, contents: Data([0]))) }
        #expect(SavedResultFinder.removeStaleParts(in: dir, baseName: "c-upscaled-7") == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == [live, other].sorted())
    }
}
