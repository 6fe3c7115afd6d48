import Foundation
import FuzzCorpusSupport
import Testing
@testable import ImagePreview

/// Replays Fuzz/Corpus/preview-decoders (seeds and every input that once found a bug) through
/// the same entry point and options as Fuzz/Sources/fuzz-preview-decoders. No fuzzing here.
@Suite struct FuzzCorpusReplayTests {
    @Test func theCorpusIsFound() {
        #expect(!FuzzCorpus.inputs("preview-decoders").isEmpty)
    }

    @Test(arguments: FuzzCorpus.inputs("preview-decoders"))
    func previewsFillTheirGridOrFailWithAReason(_ input: FuzzCorpus.Input) {
        do {
            let preview = try Previewer.preview(data: input.bytes, columns: 12, rows: 6, options: PreviewOptions(maxPixels: 2048 * 2048))
            #expect(preview.columns <= 12 && preview.rows <= 6, "\(input.name)")
            #expect(preview.cells.count == preview.columns * preview.rows, "\(input.name)")
        } catch {
            #expect(!error.description.isEmpty, "\(input.name)")
        }
    }

    /// Found by fuzzing (an animated WEBP of 4 × 16 million pixels took seconds in the checker
    /// composite and chafa): a strip is reduced along its length though its width allows none.
    @Test func stripsAreReducedAlongTheirLength() {
        let strip = DecodedImage(header: ImageHeader(format: .webp, width: 2, height: 20_000, hasAlpha: false),
                                 width: 2, height: 20_000, channels: 3, pixels: [UInt8]([10, 20, 30]).repeated(40_000))
        let small = strip.downsampled(atLeast: PixelSize(width: 8, height: 16))
        #expect((small.width, small.height) == (2, 16))
        #expect(Array(small.pixels.suffix(3)) == [10, 20, 30])
    }
}
