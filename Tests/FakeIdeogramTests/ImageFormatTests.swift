@testable import FakeIdeogramCore
import FakeIdeogram
import Testing

@Suite("Upload format sniffing")
struct ImageFormatTests {
    struct Upload: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var contentType: String
        var testDescription: String { name }
    }

    @Test(arguments: [
        Upload(name: "PNG", bytes: TestImages.png(width: 30, height: 20), contentType: "image/png"),
        Upload(name: "JPEG baseline", bytes: TestImages.jpeg(width: 30, height: 20), contentType: "image/jpeg"),
        Upload(name: "JPEG progressive", bytes: TestImages.jpeg(width: 30, height: 20, frameMarker: 0xC2), contentType: "image/jpg"),
        Upload(name: "WEBP lossy", bytes: TestImages.webpLossy(width: 30, height: 20), contentType: "image/webp"),
        Upload(name: "WEBP lossless", bytes: TestImages.webpLossless(width: 30, height: 20), contentType: "image/webp"),
        Upload(name: "WEBP extended", bytes: TestImages.webpExtended(width: 30, height: 20), contentType: "image/webp"),
    ])
    func acceptedFormatsAnswerTheScaledResolution(upload: Upload) async throws {
        try await withFakeService { service async throws in
            let answer = try await HTTP.upscale(
                service, .upscale(image: upload.bytes, filename: "source", contentType: upload.contentType))
            #expect(answer.status == 200, "\(answer.text)")
            #expect(answer.entries.first?["resolution"] as? String == "60x40")
        }
    }

    @Test(arguments: [
        Upload(name: "GIF", bytes: TestImages.gif(width: 30, height: 20), contentType: "image/gif"),
        Upload(name: "text", bytes: Array("hello, I am not a picture".utf8), contentType: "image/png"),
        Upload(name: "empty", bytes: [], contentType: "image/png"),
        Upload(name: "truncated PNG", bytes: Array(TestImages.png(width: 30, height: 20).prefix(16)), contentType: "image/png"),
        Upload(name: "JPEG without frame", bytes: [0xFF, 0xD8, 0xFF, 0xD9], contentType: "image/jpeg"),
        Upload(name: "RIFF without VP8", bytes: Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPJUNK".utf8), contentType: "image/webp"),
    ])
    func otherBytesAreUnsupported(upload: Upload) async throws {
        try await withFakeService { service async throws in
            let answer = try await HTTP.upscale(service, .upscale(image: upload.bytes, contentType: upload.contentType))
            #expect(answer.status == 400)
            #expect(answer.errorMessage.contains("unsupported") || answer.errorMessage.contains("empty"), "\(answer.errorMessage)")
        }
    }

    @Test func resultSizeIsCappedAt4096KeepingAspect() {
        #expect(ResultResolution(sourceWidth: 3000, sourceHeight: 2000, scale: 2) == .init(width: 4096, height: 2731))
        #expect(ResultResolution(sourceWidth: 1000, sourceHeight: 4000, scale: 2) == .init(width: 1024, height: 4096))
        #expect(ResultResolution(sourceWidth: 2048, sourceHeight: 2048, scale: 2) == .init(width: 4096, height: 4096))
        #expect(ResultResolution(sourceWidth: 20000, sourceHeight: 1, scale: 2) == .init(width: 4096, height: 1))
        #expect(ResultResolution(sourceWidth: 100, sourceHeight: 50, scale: 3).description == "300x150")
    }

    @Test func largeSourcesAreCappedInTheAnswer() async throws {
        try await withFakeService { service async throws in
            let source = TestImages.jpeg(width: 3000, height: 2000)
            let answer = try await HTTP.upscale(service, .upscale(image: source, contentType: "image/jpeg"))
            #expect(answer.entries.first?["resolution"] as? String == "4096x2731")
        }
    }
}
