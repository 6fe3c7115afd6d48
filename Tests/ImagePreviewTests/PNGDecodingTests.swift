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

    @Test func downsamplingAveragesBlocksWeightedByAlpha() throws {
        // Left 2×2 block: two clear pixels (their colour must not leak) and two opaque red.
        let source = RGBAImage(width: 4, height: 2) { x, y in
            x < 2 ? (y == 0 ? (0, 255, 0, 0) : (255, 0, 0, 255)) : (0, 0, 200, 255)
        }
        let image = try decode(PNGWriter.libpngRGBA(source)).downsampled(atLeast: PixelSize(width: 1, height: 1))
        #expect((image.width, image.height) == (2, 1))
        #expect(pixel(image, 0, 0) == [255, 0, 0, 128])
        #expect(pixel(image, 1, 0) == [0, 0, 200, 255])
        let pixels = [UInt8]([10, 20, 30]).repeated(2048 * 1024)
        let big = DecodedImage(header: ImageHeader(format: .png, width: 2048, height: 1024, hasAlpha: false),
                               width: 2048, height: 1024, channels: 3, pixels: pixels)
        let small = big.downsampled(atLeast: PixelSize(width: 320, height: 160))
        #expect((small.width, small.height) == (341, 170))
        #expect(pixel(small, 340, 169) == [10, 20, 30])
        #expect(small.downsampled(atLeast: PixelSize(width: 320, height: 160)).width == 341, "less than twice: unchanged")
    }

    @Test func untaggedSixteenBitIsNotTakenAsLinear() throws {
        // No gAMA or sRGB chunk: viewers show 0x8000 as mid grey (libpng's simplified API would
        // give 186, taking 16-bit data as linear light).
        let png = PNGWriter.png(width: 4, height: 4, colorType: .gray, bitDepth: 16) { _, _ in [32768] }
        let image = try decode(png)
        #expect(pixel(image, 1, 1) == [128, 128, 128])
    }

    @Test func largeImagesAreReducedWhileDecoding() throws {
        // 3 opaque red pixels and 1 clear green one in every 2×2 block.
        let source = RGBAImage(width: 64, height: 32) { x, y in x % 2 == 0 && y % 2 == 0 ? (0, 255, 0, 0) : (255, 0, 0, 255) }
        let image = try decode(PNGWriter.libpngRGBA(source), columns: 2, rows: 1)
        #expect((image.width, image.height) == (32, 16))
        #expect(pixel(image, 5, 5) == [255, 0, 0, 191])
        let big = try decode(PNGWriter.libpngRGBA(.solid(1024, 512, 10, 20, 30)), columns: 16, rows: 8)
        #expect((big.header.width, big.header.height) == (1024, 512))
        #expect((big.width, big.height) == (128, 64))
        #expect(pixel(big, 127, 63) == [10, 20, 30, 255])
    }

    @Test func interlacedImagesAreReducedToo() throws {
        let png = PNGWriter.png(width: 64, height: 32, colorType: .rgb, interlaced: true) { x, _ in x < 32 ? [255, 0, 0] : [0, 0, 255] }
        let image = try decode(png, columns: 2, rows: 1)
        #expect((image.width, image.height) == (32, 16))
        #expect(pixel(image, 0, 0) == [255, 0, 0])
        #expect(pixel(image, 31, 15) == [0, 0, 255])
    }

    @Test func cancelledBetweenRows() {
        let png = PNGWriter.libpngRGBA(.picture(256, 256))
        let flag = PreviewCancellation()
        let result = png.withUnsafeBytes { bytes in
            Result { () throws(PreviewError) -> DecodedImage in
                try PNGDecoder.decode(bytes, cancellation: flag) { _ throws(PreviewError) in
                    flag.cancel()
                    return DecodeTarget(minimum: PixelSize(width: 16, height: 16), sampling: PixelSize(width: 16, height: 16))
                }
            }
        }
        #expect(throws: PreviewError.cancelled) { try result.get() }
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
