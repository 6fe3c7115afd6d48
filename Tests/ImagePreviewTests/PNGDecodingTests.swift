import Testing
@testable import ImagePreview

@Suite("PNG decoding", .timeLimit(.minutes(1)))
struct PNGDecodingTests {
    @Test func plainRGB() throws {
        let png = PNGWriter.png(width: 8, height: 6, colorType: .rgb) { _, _ in [200, 30, 10] }
        let image = try decode(png)
        #expect(image.header.format == .png)
        #expect((image.width, image.height, image.channels) == (8, 6, 3))
        #expect(pixel(image, 7, 5) == [200, 30, 10])
    }

    @Test func sixteenBitBecomesEightBit() throws {
        let png = PNGWriter.png(width: 4, height: 4, colorType: .rgb, bitDepth: 16) { x, _ in
            x < 2 ? [65535, 0, 0] : [0, 0, 65535]
        }
        let image = try decode(png)
        #expect(image.header.traits.contains("16-bit"))
        #expect(pixel(image, 0, 0) == [255, 0, 0])
        #expect(pixel(image, 3, 3) == [0, 0, 255])
    }

    @Test func sixteenBitWithAlpha() throws {
        let png = PNGWriter.png(width: 2, height: 2, colorType: .rgba, bitDepth: 16) { _, _ in [65535, 65535, 0, 65535] }
        let image = try decode(png)
        #expect(image.channels == 4)
        #expect(pixel(image, 1, 1) == [255, 255, 0, 255])
    }

    @Test func palettedWithTransparency() throws {
        let png = PNGWriter.png(width: 4, height: 2, colorType: .palette,
                                palette: [(255, 0, 0), (0, 255, 0)], transparency: [255, 0]) { x, _ in [x % 2] }
        let image = try decode(png)
        #expect(image.header.traits.contains("paletted"))
        #expect(image.header.hasAlpha)
        #expect(pixel(image, 0, 0) == [255, 0, 0, 255])
        #expect(pixel(image, 1, 0)[3] == 0)
    }

    @Test func interlacedMatchesProgressiveOrder() throws {
        let sample = { (x: Int, y: Int) -> [Int] in [x * 20 % 256, y * 30 % 256, (x * y) % 256] }
        let interlaced = try decode(PNGWriter.png(width: 13, height: 11, colorType: .rgb, interlaced: true, sample: sample))
        let plain = try decode(PNGWriter.png(width: 13, height: 11, colorType: .rgb, sample: sample))
        #expect(interlaced.header.traits.contains("interlaced"))
        #expect(interlaced.pixels == plain.pixels)
    }

    @Test func grayWithAlpha() throws {
        let png = PNGWriter.png(width: 3, height: 3, colorType: .grayAlpha) { x, _ in [128, x == 0 ? 0 : 255] }
        let image = try decode(png)
        #expect(image.header.traits.contains("grayscale"))
        #expect(image.channels == 4)
        #expect(pixel(image, 0, 0)[3] == 0)
        #expect(pixel(image, 2, 0)[3] == 255)
        #expect(pixel(image, 2, 0)[0] == pixel(image, 2, 0)[1])
    }

    @Test func transparentPixelsAreCompositedOverAChecker() throws {
        let png = PNGWriter.libpngRGBA(RGBAImage.solid(16, 16, 255, 0, 0, 0))
        let image = try decode(png).compositedOverChecker(square: 4)
        #expect(image.channels == 3)
        let first = pixel(image, 0, 0), second = pixel(image, 4, 0)
        #expect(first != second)
        #expect(first[0] == first[1] && first[1] == first[2], "the checker is neutral grey")
        #expect(pixel(image, 0, 4) == second)
    }

    @Test func refusesAHugeClaimBeforeDecoding() {
        let png = PNGWriter.png(width: 1, height: 1, colorType: .rgb, claimedSize: (60000, 60000)) { _, _ in [0, 0, 0] }
        #expect(throws: PreviewError.tooManyPixels(format: .png, width: 60000, height: 60000, limit: PreviewOptions.defaultMaxPixels)) {
            try decode(png)
        }
    }

    @Test func truncated() {
        let png = PNGWriter.png(width: 64, height: 64, colorType: .rgb) { x, y in [x, y, 0] }
        let error = #expect(throws: PreviewError.self) { try decode(Array(png.prefix(png.count / 2))) }
        #expect(error == .truncated(.png))
    }

    @Test func corruptHeader() {
        var png = PNGWriter.png(width: 4, height: 4, colorType: .rgb) { _, _ in [1, 2, 3] }
        png[20] ^= 0xFF  // inside IHDR: its CRC no longer matches
        let error = #expect(throws: PreviewError.self) { try decode(png) }
        guard case .corrupt(.png, let reason) = error else {
            Issue.record("expected a corrupt PNG, got \(String(describing: error))")
            return
        }
        #expect(!reason.isEmpty)
        #expect(error?.description.contains("\n") == false)
    }

    @Test func notAnImage() {
        #expect(throws: PreviewError.unsupportedFormat) { try decode(Array("hello, world".utf8)) }
        #expect(throws: PreviewError.unsupportedFormat) { try decode([]) }
    }

    @Test func everyTruncationFailsCleanly() {
        let png = PNGWriter.png(width: 9, height: 7, colorType: .rgba, interlaced: true) { x, y in [x * 9, y * 9, 3, 200] }
        for length in stride(from: 0, to: png.count - 12, by: 5) {
            #expect(throws: PreviewError.self) { try decode(Array(png.prefix(length))) }
        }
    }
}
