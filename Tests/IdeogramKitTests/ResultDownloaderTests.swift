import AsyncHTTPClient
import FakeIdeogram
import Foundation
@testable import IdeogramClient
@testable import IdeogramKit
import Testing

@Suite struct ResultDownloaderTests {
    @Test func savesAtomicallyUnderOurNameWithASidecar() async throws {
        try await FakeServiceFixture.with { fx in
            let request = UpscaleRequest(prompt: "dunes", seed: 99)
            let submitted = Date()
            let result = try await fx.client.upscale(image: try FakeServiceFixture.sampleImage(width: 40, height: 30), request: request)
            let image = result.images[0]
            let dir = try TestImages.temporaryDirectory().appendingPathComponent("out/nested").path
            let downloader = ResultDownloader(http: fx.http)
            let sidecar = ResultSidecar(sourcePath: "/samples/sample.png", endpoint: fx.endpoint, request: request, image: image,
                                        index: 0, created: result.created, submittedAt: submitted, answeredAt: Date())
            let file = try await downloader.download(url: image.url!, into: dir, baseName: "sample-upscaled-99", sidecar: sidecar)
            #expect(file.path == dir + "/sample-upscaled-99.png")
            #expect(file.format == .png)
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file.path)))
            #expect(bytes.count == file.bytes)
            #expect(try ImageSniffer.sniff(bytes) == ImageHeader(format: .png, width: 80, height: 60))
            // No temporary files are left behind.
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["sample-upscaled-99.png", "sample-upscaled-99.png.json"])

            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let saved = try decoder.decode(ResultSidecar.self, from: Data(contentsOf: URL(fileURLWithPath: file.sidecarPath!)))
            #expect(saved.request == request && saved.seed == 99 && saved.resolution == "80x60")
            #expect(saved.url == image.url && saved.sourcePath == "/samples/sample.png" && saved.downloadedAt != nil)

            // A second download of the same name never overwrites the first.
            let again = try await downloader.download(url: image.url!, into: dir, baseName: "sample-upscaled-99")
            #expect(again.path == dir + "/sample-upscaled-99-2.png")
        }
    }

    @Test func expiredURLsSaySo() async throws {
        try await FakeServiceFixture.with(configure: { $0.urlLifetime = .milliseconds(300) }) { fx in
            let result = try await fx.client.upscale(image: try FakeServiceFixture.sampleImage(), request: UpscaleRequest())
            try await Task.sleep(for: .milliseconds(1200))
            let dir = try TestImages.temporaryDirectory().path
            await #expect(throws: DownloadError.expired(status: 410)) {
                _ = try await ResultDownloader(http: fx.http).download(url: result.images[0].url!, into: dir, baseName: "late")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        }
    }

    @Test func refusesURLsThatAreNotHTTP() async throws {
        let http = HTTPClient.forIdeogram()
        defer { Task { try? await http.shutdown() } }
        for url in ["file:///etc/passwd", "javascript:alert(1)", "ftp://host/x.png"] {
            await #expect(throws: DownloadError.self) {
                _ = try await ResultDownloader(http: http).download(url: url, into: "/tmp", baseName: "x")
            }
        }
    }

    @Test func fileNamesStayInTheFolder() {
        #expect(ResultDownloader.safeFileName("../../etc/passwd") == "_.._etc_passwd")
        #expect(ResultDownloader.safeFileName(".hidden") == "hidden")
        #expect(ResultDownloader.safeFileName("a\u{1B}[2Jb") == "a[2Jb")
        #expect(ResultDownloader.safeFileName("") == "result")
    }
}
