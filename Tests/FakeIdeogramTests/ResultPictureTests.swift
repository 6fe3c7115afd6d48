import FakeIdeogram
@testable import FakeIdeogramCore
import NIOCore
import Testing

@Suite("Result pictures are the source enlarged")
struct ResultPictureTests {
    /// The result, decoded, shrunk back by 2x2 box averages: bilinear enlargement by 2 keeps each
    /// source pixel's colour in its 2x2 block, so this is the source again, up to rounding and
    /// the smoothing across edges.
    private func shrunkByTwo(_ result: DecodedSource) -> [UInt8] {
        var pixels: [UInt8] = []
        for y in 0..<(result.height / 2) {
            for x in 0..<(result.width / 2) {
                for channel in 0..<3 {
                    let sum = [(0, 0), (1, 0), (0, 1), (1, 1)].reduce(0) { total, offset in
                        total + Int(result.pixels[((2 * y + offset.1) * result.width + 2 * x + offset.0) * 3 + channel])
                    }
                    pixels.append(UInt8((sum + 2) / 4))
                }
            }
        }
        return pixels
    }

    private func meanDifference(_ first: [UInt8], _ second: [UInt8]) -> Double {
        Double(zip(first, second).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }) / Double(first.count)
    }

    private func decode(_ png: [UInt8]) throws -> DecodedSource {
        try png.withUnsafeBytes { raw in try SourceDecoder.decodeRGB(raw) }
    }

    @Test func theURLServesTheUploadEnlargedToTheStatedResolution() async throws {
        let source = try SamplePictures.png(width: 48, height: 32, seed: 11)
        let sourcePixels = try SamplePictures.rgbPixels(width: 48, height: 32, seed: 11)
        try await withFakeService { service async throws in
            let answer = try await HTTP.upscale(service, .upscale(image: source))
            #expect(answer.entries.first?["resolution"] as? String == "96x64")
            let url = try #require(answer.entries.first?["url"] as? String)
            let result = try decode(try await HTTP.get(url).body)
            #expect(result.width == 96 && result.height == 64)

            let back = shrunkByTwo(result)
            let other = try SamplePictures.rgbPixels(width: 48, height: 32, seed: 12)
            let difference = meanDifference(back, sourcePixels)
            #expect(difference < 4, "mean difference \(difference) per channel")
            #expect(meanDifference(other, sourcePixels) > 4 * max(difference, 1), "the comparison tells pictures apart")
            // Corners map onto corners exactly.
            #expect(Array(result.pixels[0..<3]) == Array(sourcePixels[0..<3]))
            #expect(Array(result.pixels.suffix(3)) == Array(sourcePixels.suffix(3)))
        }
    }

    @Test func aJPEGSourceIsDecodedAndEnlarged() throws {
        let pixels = try SamplePictures.rgbPixels(width: 40, height: 24, seed: 3)
        let jpeg = try TestImages.encodedJPEG(pixels, width: 40, height: 24)
        let png = try ResultPicture.png(from: ByteBuffer(bytes: jpeg), width: 80, height: 48)
        let result = try decode(png)
        #expect(result.width == 80 && result.height == 48)
        // JPEG is lossy: the enlarged picture is close to the source, not equal.
        #expect(meanDifference(shrunkByTwo(result), pixels) < 10)
    }

    /// The mean of one channel of RGB pixels.
    private func mean(_ pixels: [UInt8], channel: Int) -> Int {
        var sum = 0
        for index in stride(from: channel, to: pixels.count, by: 3) { sum += Int(pixels[index]) }
        return sum / (pixels.count / 3)
    }

    @Test func aResampledSizeThatIsNotAWholeMultipleKeepsTheAverageColour() {
        var pixels: [UInt8] = []
        for y in 0..<20 {
            for x in 0..<30 { pixels += [UInt8(x * 8), UInt8(y * 12), 90] }
        }
        let enlarged = Resampler.bilinearRGB(pixels, width: 30, height: 20, toWidth: 77, toHeight: 41)
        #expect(enlarged.count == 77 * 41 * 3)
        for channel in 0..<3 {
            let before = mean(pixels, channel: channel), after = mean(enlarged, channel: channel)
            #expect(abs(before - after) <= 3, "channel \(channel): \(before) before, \(after) after")
        }
    }

    @Test func anUndecodableSourceStillGetsAPictureOfTheStatedSize() async throws {
        // A JPEG header with no image data behind it passes the header checks.
        try await withFakeService { service async throws in
            let answer = try await HTTP.upscale(service, .upscale(image: TestImages.jpeg(width: 30, height: 20), contentType: "image/jpeg"))
            let url = try #require(answer.entries.first?["url"] as? String)
            let image = try await HTTP.get(url)
            #expect(image.status == 200)
            #expect(PNGInfo.size(of: image.body).map { [$0.width, $0.height] } == [60, 40])
        }
    }
}
