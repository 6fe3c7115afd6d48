@testable import FakeIdeogramCore
import Testing

@Suite("Sample pictures")
struct SamplePicturesTests {
    @Test func producesAPNGOfTheRequestedSize() throws {
        let png = try SamplePictures.png(width: 123, height: 45, seed: 1)
        let size = try #require(PNGInfo.size(of: png))
        #expect(size.width == 123 && size.height == 45)
        #expect(png.suffix(8) == [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])  // IEND chunk
    }

    @Test func sameSeedSamePictureOtherSeedOtherPicture() throws {
        let first = try SamplePictures.png(width: 64, height: 64, seed: 5)
        #expect(try SamplePictures.png(width: 64, height: 64, seed: 5) == first)
        #expect(try SamplePictures.png(width: 64, height: 64, seed: 6) != first)
    }

    @Test func pictureIsNotAFlatColour() throws {
        let pixels = try SamplePictures.rgbPixels(width: 64, height: 64, seed: 3)
        let colours = Set(stride(from: 0, to: pixels.count, by: 3).map { pixels[$0] << 16 | pixels[$0 + 1] << 8 | pixels[$0 + 2] })
        #expect(colours.count > 50)
    }

    @Test(arguments: [(0, 10), (10, 0), (-1, 5), (SamplePictures.maxSide + 1, 1)])
    func refusesImpossibleSizes(width: Int, height: Int) {
        #expect(throws: SamplePictures.InvalidSizeError.self) { try SamplePictures.png(width: width, height: height, seed: 0) }
    }

    @Test func onePixelPicture() throws {
        let png = try SamplePictures.png(width: 1, height: 1, seed: 0)
        #expect(PNGInfo.size(of: png)?.width == 1)
    }
}
