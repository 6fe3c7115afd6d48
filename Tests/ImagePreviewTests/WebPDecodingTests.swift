import Testing
@testable import ImagePreview

@Suite("WEBP decoding", .timeLimit(.minutes(1)))
struct WebPDecodingTests {
    @Test func lossy() throws {
        let image = try decode(WebPWriter.lossy(RGBAImage.solid(32, 32, 0, 0, 255)))
        #expect(image.header.format == .webp)
        #expect(image.header.traits.contains("lossy"))
        #expect(image.channels == 3)
        #expect(near(pixel(image, 10, 10), [0, 0, 255], tolerance: 16))
    }

    @Test func losslessWithTransparency() throws {
        let source = RGBAImage(width: 8, height: 8) { x, _ in x < 4 ? (0, 255, 0, 255) : (0, 0, 0, 0) }
        let image = try decode(WebPWriter.losslessRGBA(source))
        #expect(image.header.traits.contains("lossless"))
        #expect(image.channels == 4)
        #expect(pixel(image, 0, 0) == [0, 255, 0, 255])
        #expect(pixel(image, 7, 0)[3] == 0)
    }

    @Test func largeImagesAreScaledByLibwebp() throws {
        let webp = WebPWriter.lossy(RGBAImage.picture(1200, 800), quality: 50)
        let image = try decode(webp, columns: 20, rows: 10)
        #expect((image.header.width, image.header.height) == (1200, 800))
        #expect(image.width < 1200 / 2)
        #expect(image.width >= 80)
    }

    @Test func animatedShowsTheFirstFrame() throws {
        let webp = WebPWriter.animated([RGBAImage.solid(16, 16, 255, 0, 0), RGBAImage.solid(16, 16, 0, 0, 255)])
        let image = try decode(webp)
        #expect(image.header.frameCount == 2)
        #expect(image.header.traits.contains("animated"))
        #expect(pixel(image, 8, 8) == [255, 0, 0, 255])
    }

    @Test func animatedCanvasClaimIsRefused() {
        let webp = WebPWriter.animated([RGBAImage.solid(16, 16, 255, 0, 0)], canvas: (60000, 60000))
        #expect(throws: PreviewError.tooManyPixels(format: .webp, width: 60000, height: 60000, limit: PreviewOptions.defaultMaxPixels)) {
            try decode(webp)
        }
    }

    @Test func hugeLosslessClaimIsRefused() {
        #expect(throws: PreviewError.tooManyPixels(format: .webp, width: 16384, height: 16384, limit: PreviewOptions.defaultMaxPixels)) {
            try decode(WebPWriter.claimingHugeLossless())
        }
    }

    @Test func truncated() {
        let webp = WebPWriter.lossy(RGBAImage.picture(256, 256))
        #expect(throws: PreviewError.truncated(.webp)) { try decode(Array(webp.prefix(webp.count / 2))) }
        let animated = WebPWriter.animated([RGBAImage.picture(32, 32), RGBAImage.solid(32, 32, 1, 2, 3)])
        #expect(throws: PreviewError.truncated(.webp)) { try decode(Array(animated.prefix(animated.count - 20))) }
    }

    @Test func corruptHeader() {
        var webp = WebPWriter.lossy(RGBAImage.solid(16, 16, 9, 9, 9))
        for i in 12..<min(webp.count, 30) { webp[i] = 0xA5 }
        let error = #expect(throws: PreviewError.self) { try decode(webp) }
        switch error {
        case .corrupt(.webp, _), .truncated(.webp): break
        default: Issue.record("expected a corrupt WEBP, got \(String(describing: error))")
        }
    }

    @Test func everyTruncationFailsCleanly() {
        let webps = [WebPWriter.lossy(RGBAImage.picture(24, 24)), WebPWriter.losslessRGBA(RGBAImage.picture(24, 24)),
                     WebPWriter.animated([RGBAImage.picture(8, 8), RGBAImage.picture(8, 8)])]
        for webp in webps {
            for length in stride(from: 0, to: webp.count - 8, by: 5) {
                #expect(throws: PreviewError.self) { try decode(Array(webp.prefix(length))) }
            }
        }
    }
}
