import Foundation
import Testing
@testable import IdeogramClient
@testable import IdeogramKit

@Suite struct ImageCompletenessTests {
    private func verdict(_ bytes: [UInt8], _ format: ImageFormat) throws -> ImageCompleteness.Verdict {
        try ImageCompleteness.check(format, size: bytes.count) { offset, count in
            Array(bytes[min(offset, bytes.count)..<min(offset + count, bytes.count)])
        }
    }

    @Test func wholeImagesAreComplete() throws {
        #expect(try verdict(TestImages.png(width: 10, height: 10), .png) == .complete)
        #expect(try verdict(TestImages.jpeg(width: 10, height: 10), .jpeg) == .complete)
        #expect(try verdict(TestImages.webpLossy(width: 10, height: 10), .webp) == .complete)
        #expect(try verdict(TestImages.webpLossless(width: 10, height: 10), .webp) == .complete)
        // Bytes after the end (a camera's trailer) are allowed.
        #expect(try verdict(TestImages.jpeg(width: 10, height: 10) + [1, 2, 3], .jpeg) == .complete)
    }

    @Test func everyCutIsFound() throws {
        let png = TestImages.png(width: 10, height: 10)
        let jpeg = TestImages.jpeg(width: 10, height: 10)
        let webp = TestImages.webpLossy(width: 10, height: 10)
        for (bytes, format) in [(png, ImageFormat.png), (jpeg, .jpeg), (webp, .webp)] {
            for length in 16..<bytes.count {
                let cut = try verdict(Array(bytes.prefix(length)), format)
                #expect(cut != .complete, "\(format) cut at \(length) of \(bytes.count)")
            }
        }
    }

    /// Scan data with stuffed bytes, restart markers and a second scan (progressive) is followed
    /// to its end; a window boundary in the middle changes nothing.
    @Test func jpegScanDataIsFollowedToTheEnd() throws {
        var jpeg = Array(TestImages.jpeg(width: 10, height: 10).dropLast(2))
        jpeg += [UInt8](repeating: 0x11, count: 70_000) + [0xFF, 0x00, 0xFF, 0xD3, 0x22]
        jpeg += [0xFF, 0xDA, 0x00, 0x08, 1, 1, 0, 0, 0x3F, 0] + [UInt8](repeating: 0x33, count: 70_000) + [0xFF, 0xD9]
        #expect(try verdict(jpeg, .jpeg) == .complete)
        #expect(try verdict(Array(jpeg.dropLast(2)), .jpeg) == .truncated)
    }

    /// `upscale cut.png` must refuse what `preview cut.png` calls truncated, in the same words.
    @Test func inspectRefusesATruncatedFile() throws {
        let folder = try TestImages.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var png = TestImages.png(width: 10, height: 10)
        png.insert(contentsOf: TestImages.be32(40) + Array("IDAT".utf8) + [UInt8](repeating: 7, count: 44), at: 33)
        let whole = try TestImages.write(png, name: "whole.png", in: folder)
        #expect(try SourceImage.inspect(path: whole).format == .png)
        let cut = try TestImages.write(Array(png.prefix(60)), name: "cut.png", in: folder)
        #expect(throws: ImageIntakeError.truncatedData(path: cut, format: .png)) { try SourceImage.inspect(path: cut) }
        #expect(ImageIntakeError.truncatedData(path: cut, format: .png).description.hasSuffix("PNG is truncated: the file ends before the image does"))
    }
}

@Suite struct ImageCompletenessToleranceTests {
    /// libjpeg skips stray bytes before a marker (some cameras pad segments) with a warning;
    /// such a file is whole and must not be refused.
    @Test func strayBytesBetweenJPEGSegmentsAreSkipped() throws {
        var jpeg = TestImages.jpeg(width: 10, height: 10)
        let sof = try #require((2..<jpeg.count - 1).first { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xFF })
        jpeg.insert(contentsOf: [0x00, 0x00, 0x00], at: sof)
        let verdict = try ImageCompleteness.check(.jpeg, size: jpeg.count) { offset, count in
            Array(jpeg[min(offset, jpeg.count)..<min(offset + count, jpeg.count)])
        }
        #expect(verdict == .complete)
    }
}
