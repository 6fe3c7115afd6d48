import Testing
@testable import ImagePreview

@Suite("JPEG decoding", .timeLimit(.minutes(1)))
struct JPEGDecodingTests {
    let red = RGBAImage.solid(32, 32, 255, 0, 0)

    @Test func baseline() throws {
        let image = try decode(JPEGWriter.jpeg(red))
        #expect(image.header.format == .jpeg)
        #expect(image.header.traits.isEmpty)
        #expect(near(pixel(image, 3, 3), [255, 0, 0], tolerance: 16))
    }

    @Test func progressive() throws {
        let image = try decode(JPEGWriter.jpeg(RGBAImage.picture(64, 48), progressive: true))
        #expect(image.header.traits.contains("progressive"))
        #expect((image.header.width, image.header.height) == (64, 48))
    }

    @Test func grayscale() throws {
        let image = try decode(JPEGWriter.jpeg(RGBAImage.solid(16, 16, 100, 100, 100), components: 1))
        #expect(image.header.traits.contains("grayscale"))
        #expect(image.channels == 3)
        #expect(near(pixel(image, 5, 5), [100, 100, 100], tolerance: 4))
    }

    @Test(arguments: [false, true])
    func cmykAndYcck(ycck: Bool) throws {
        let image = try decode(JPEGWriter.jpeg(red, components: 4, ycck: ycck))
        #expect(image.header.traits.contains(ycck ? "YCCK" : "CMYK"))
        #expect(near(pixel(image, 8, 8), [255, 0, 0], tolerance: 20))
    }

    @Test func decodesAtTheScaleThePreviewNeeds() throws {
        let jpeg = JPEGWriter.jpeg(RGBAImage.picture(1600, 1200), quality: 70)
        let image = try decode(jpeg, columns: 40, rows: 20)
        // 40 columns need ~160 pixels across: 1/8 of 1600 is 200.
        #expect((image.width, image.height) == (200, 150))
        #expect(JPEGDecoder.scaleNumerator(width: 4000, height: 3000, wanted: PixelSize(width: 320, height: 240)) == 1)
        #expect(JPEGDecoder.scaleNumerator(width: 400, height: 300, wanted: PixelSize(width: 320, height: 240)) == 7)
        #expect(JPEGDecoder.scaleNumerator(width: 100, height: 100, wanted: PixelSize(width: 320, height: 240)) == 8)
    }

    @Test func refusesAHugeClaimBeforeDecoding() {
        let jpeg = JPEGWriter.claimingSize(JPEGWriter.jpeg(red), width: 60000, height: 60000)
        #expect(throws: PreviewError.tooManyPixels(format: .jpeg, width: 60000, height: 60000, limit: PreviewOptions.defaultMaxPixels)) {
            try decode(jpeg)
        }
    }

    @Test(arguments: [false, true])
    func truncated(progressive: Bool) {
        let jpeg = JPEGWriter.jpeg(RGBAImage.picture(128, 128), progressive: progressive)
        #expect(throws: PreviewError.truncated(.jpeg)) { try decode(Array(jpeg.prefix(jpeg.count * 2 / 3))) }
        #expect(throws: PreviewError.truncated(.jpeg)) { try decode(Array(jpeg.prefix(40))) }
    }

    @Test func corruptHeader() {
        var jpeg = JPEGWriter.jpeg(red)
        // Overwrite everything after SOI with a marker libjpeg rejects (SOF with a bad length).
        for i in 2..<min(jpeg.count, 40) { jpeg[i] = 0xFF }
        jpeg[2] = 0xFF; jpeg[3] = 0xC0; jpeg[4] = 0x00; jpeg[5] = 0x01
        let error = #expect(throws: PreviewError.self) { try decode(jpeg) }
        switch error {
        case .corrupt(.jpeg, _), .truncated(.jpeg): break
        default: Issue.record("expected a corrupt JPEG, got \(String(describing: error))")
        }
    }

    @Test func cancelledBetweenScanlines() {
        // The flag is set once the header is read: libjpeg's progress monitor and the scanline
        // loop must notice it inside the decode.
        let jpeg = JPEGWriter.jpeg(RGBAImage.picture(512, 512), progressive: true)
        let flag = PreviewCancellation()
        let result = jpeg.withUnsafeBytes { bytes in
            Result { () throws(PreviewError) -> DecodedImage in
                try JPEGDecoder.decode(bytes, cancellation: flag) { _ throws(PreviewError) in
                    flag.cancel()
                    return DecodeTarget(minimum: PixelSize(width: 512, height: 512), sampling: PixelSize(width: 512, height: 512))
                }
            }
        }
        #expect(throws: PreviewError.cancelled) { try result.get() }
    }

    @Test func cancelledBeforeStarting() {
        let flag = PreviewCancellation()
        flag.cancel()
        #expect(throws: PreviewError.cancelled) { try decode(JPEGWriter.jpeg(red), cancellation: flag) }
    }

    @Test func everyTruncationFailsCleanly() {
        let jpeg = JPEGWriter.jpeg(RGBAImage.picture(24, 24), progressive: true)
        for length in stride(from: 0, to: jpeg.count - 2, by: 7) {
            #expect(throws: PreviewError.self) { try decode(Array(jpeg.prefix(length))) }
        }
    }
}
