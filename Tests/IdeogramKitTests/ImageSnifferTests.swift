import Testing
@testable import IdeogramKit

@Suite struct ImageSnifferTests {
    @Test func recognisesEachFormatAndReadsItsSize() throws {
        #expect(try ImageSniffer.sniff(TestImages.png(width: 640, height: 480)) == ImageHeader(format: .png, width: 640, height: 480))
        #expect(try ImageSniffer.sniff(TestImages.jpeg(width: 1024, height: 768)) == ImageHeader(format: .jpeg, width: 1024, height: 768))
        #expect(try ImageSniffer.sniff(TestImages.jpeg(width: 300, height: 200, sof: 0xC2)) == ImageHeader(format: .jpeg, width: 300, height: 200))
        #expect(try ImageSniffer.sniff(TestImages.webpLossy(width: 800, height: 600)) == ImageHeader(format: .webp, width: 800, height: 600))
        #expect(try ImageSniffer.sniff(TestImages.webpLossless(width: 4000, height: 3000)) == ImageHeader(format: .webp, width: 4000, height: 3000))
        #expect(try ImageSniffer.sniff(TestImages.webpExtended(width: 70000, height: 2)) == ImageHeader(format: .webp, width: 70000, height: 2))
    }

    @Test func namesWhatItRefuses() {
        #expect(throws: ImageSniffer.Failure.unsupported(kind: "a GIF image")) { try ImageSniffer.sniff(TestImages.gif) }
        #expect(throws: ImageSniffer.Failure.unsupported(kind: "text, not an image")) { try ImageSniffer.sniff(Array("hello, world\n".utf8)) }
        #expect(throws: ImageSniffer.Failure.unsupported(kind: "not a PNG, JPEG or WEBP image")) { try ImageSniffer.sniff([0x00, 0x01, 0xFE, 0xFF]) }
        #expect(throws: ImageSniffer.Failure.empty) { try ImageSniffer.sniff([UInt8]()) }
    }

    @Test func truncatedHeadersAreTruncatedNotUnknown() {
        let png = TestImages.png(width: 10, height: 10)
        #expect(throws: ImageSniffer.Failure.truncated(.png)) { try ImageSniffer.sniff(Array(png.prefix(20))) }
        let jpeg = TestImages.jpeg(width: 10, height: 10)
        #expect(throws: ImageSniffer.Failure.truncated(.jpeg)) { try ImageSniffer.sniff(Array(jpeg.prefix(27))) }
        let webp = TestImages.webpLossy(width: 10, height: 10)
        #expect(throws: ImageSniffer.Failure.truncated(.webp)) { try ImageSniffer.sniff(Array(webp.prefix(16))) }
    }

    @Test func corruptHeadersAreNamed() {
        var png = TestImages.png(width: 10, height: 10)
        png.replaceSubrange(12..<16, with: Array("IDAT".utf8))
        #expect(throws: ImageSniffer.Failure.corrupt(.png, detail: "the first chunk is not IHDR")) { try ImageSniffer.sniff(png) }
        #expect(throws: ImageSniffer.Failure.corrupt(.png, detail: "a size of 0x10")) { try ImageSniffer.sniff(TestImages.png(width: 0, height: 10)) }
        let noFrame: [UInt8] = [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02, 0xFF, 0xD9]
        #expect(throws: ImageSniffer.Failure.corrupt(.jpeg, detail: "no frame header before the image data")) { try ImageSniffer.sniff(noFrame) }
    }
}
