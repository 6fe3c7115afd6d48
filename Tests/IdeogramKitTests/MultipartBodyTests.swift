import Foundation
import MultipartKit
import NIOCore
import Testing
@testable import IdeogramClient
@testable import IdeogramKit

@Suite struct MultipartBodyTests {
    /// Parses the produced body with multipart-kit, an independent parser, and checks both parts
    /// byte for byte.
    @Test func partsParseBackByteForByte() throws {
        var imageBytes = TestImages.png(width: 64, height: 48)
        imageBytes += (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }  // several slices
        let image = try SourceImage(path: "/x/photo \"1\".png", bytes: ByteBuffer(bytes: imageBytes))
        let json = UpscaleRequest(prompt: "bébé 🐚", seed: 1).jsonString()
        let body = MultipartBody(image: image, requestJSON: json)
        #expect(body.chunks().count == 1 + 2 + 1)  // head, two slices, tail

        let parts = try parse(body.joined(), boundary: body.boundary)
        #expect(parts.map(\.name) == ["image_request", "image_file"])
        #expect(parts[0].body == Array(json.utf8))
        #expect(parts[0].filename == nil)
        #expect(parts[1].body == imageBytes)
        #expect(parts[1].filename == "photo _1_.png")
        #expect(parts[1].contentType == "image/png")
        #expect(body.contentType == "multipart/form-data; boundary=\(body.boundary)")
        #expect(body.length == body.joined().readableBytes)
    }

    @Test func emptyRequestIsStillSent() throws {
        let image = try SourceImage(path: "a.webp", bytes: ByteBuffer(bytes: TestImages.webpLossy(width: 8, height: 8)))
        let body = MultipartBody(image: image, requestJSON: "{}")
        #expect(body.chunks() == [body.joined()], "a small body goes in one buffer")
        let parts = try parse(body.joined(), boundary: body.boundary)
        #expect(parts[0].body == Array("{}".utf8))
        #expect(parts[1].contentType == "image/webp")
    }

    @Test func aBoundaryFoundInTheImageIsReplaced() throws {
        let clash = "ideogram-tui-clash"
        let bytes = TestImages.png(width: 1, height: 1) + Array(clash.utf8)
        let image = try SourceImage(path: "a.png", bytes: ByteBuffer(bytes: bytes))
        let body = MultipartBody(image: image, requestJSON: "{}", boundary: clash)
        #expect(body.boundary != clash)
        #expect(try parse(body.joined(), boundary: body.boundary)[1].body == bytes)
    }

    struct ParsedPart { var name: String?; var filename: String?; var contentType: String?; var body: [UInt8] }

    private func parse(_ buffer: ByteBuffer, boundary: String) throws -> [ParsedPart] {
        var parts: [ParsedPart] = []
        var current = ParsedPart(body: [])
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { field, value in
            if field.lowercased() == "content-type" { current.contentType = value }
            if field.lowercased() == "content-disposition" {
                for item in value.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                    if item.hasPrefix("name=") { current.name = String(item.dropFirst(5)).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
                    if item.hasPrefix("filename=") { current.filename = String(item.dropFirst(9)).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
                }
            }
        }
        parser.onBody = { chunk in current.body += chunk.readableBytesView }
        parser.onPartComplete = {
            parts.append(current)
            current = ParsedPart(body: [])
        }
        try parser.execute(buffer)
        return parts
    }
}
