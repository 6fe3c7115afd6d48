import Foundation
import Testing
@testable import IdeogramClient
@testable import IdeogramKit

@Suite struct SourceImageTests {
    @Test func loadsByBytesNotByName() throws {
        let dir = try TestImages.temporaryDirectory()
        // A PNG named .jpg is a PNG.
        let path = try TestImages.write(TestImages.png(width: 32, height: 16), name: "really-a-png.jpg", in: dir)
        let image = try SourceImage.load(path: path)
        #expect(image.format == .png)
        #expect(image.width == 32 && image.height == 16)
        #expect(image.fileName == "really-a-png.jpg")
        #expect(image.byteCount == TestImages.png(width: 32, height: 16).count)
    }

    @Test func eachBadFileHasItsOwnError() throws {
        let dir = try TestImages.temporaryDirectory()
        let text = try TestImages.write(Array("not an image".utf8), name: "notes.png", in: dir)
        let empty = try TestImages.write([], name: "empty.png", in: dir)
        let gif = try TestImages.write(TestImages.gif, name: "anim.gif", in: dir)
        let truncated = try TestImages.write(Array(TestImages.png(width: 5, height: 5).prefix(19)), name: "cut.png", in: dir)
        let big = try TestImages.write(TestImages.png(width: 5, height: 5) + [UInt8](repeating: 0, count: 200), name: "big.png", in: dir)
        let locked = try TestImages.write(TestImages.png(width: 5, height: 5), name: "locked.png", in: dir)
        chmod(locked, 0)
        defer { chmod(locked, 0o644) }

        #expect(throws: ImageIntakeError.unsupportedFormat(path: text, detected: "text, not an image")) { try SourceImage.load(path: text) }
        #expect(throws: ImageIntakeError.empty(path: empty)) { try SourceImage.load(path: empty) }
        #expect(throws: ImageIntakeError.unsupportedFormat(path: gif, detected: "a GIF image")) { try SourceImage.load(path: gif) }
        #expect(throws: ImageIntakeError.truncatedHeader(path: truncated, format: .png)) { try SourceImage.load(path: truncated) }
        #expect(throws: ImageIntakeError.tooLarge(path: big, bytes: TestImages.png(width: 5, height: 5).count + 200, limit: 100)) { try SourceImage.load(path: big, maxBytes: 100) }
        #expect(throws: ImageIntakeError.isDirectory(path: dir.path)) { try SourceImage.load(path: dir.path) }
        #expect(throws: ImageIntakeError.notFound(path: dir.path + "/missing.png")) { try SourceImage.load(path: dir.path + "/missing.png") }
        #expect(throws: ImageIntakeError.notRegularFile(path: "/dev/null")) { try SourceImage.load(path: "/dev/null") }
        if getuid() != 0 {  // root reads anything
            #expect(throws: ImageIntakeError.unreadable(path: locked, reason: "Permission denied")) { try SourceImage.load(path: locked) }
        }
    }

    @Test func errorMessagesNameTheFileSafely() {
        let error = ImageIntakeError.empty(path: "/tmp/evil\u{1B}[31mred.png")
        #expect(error.description == "/tmp/evil[31mred.png: the file is empty")
        let large = ImageIntakeError.tooLarge(path: "a.png", bytes: 12_400_000, limit: 10_000_000)
        #expect(large.description.contains("12.4 MB is over the upload limit of 10 MB"))
    }
}
