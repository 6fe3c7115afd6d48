import Foundation
import Testing
@testable import ImagePreview

/// Previews as terminal graphics through libchafa's pixel modes: the escape output of each
/// protocol, its size in cells and pixels, blank cells under it, and the cache.
@Suite("Pixels", .timeLimit(.minutes(1)))
struct PixelEncodingTests {
    static func preview(_ image: RGBAImage, _ pixelProtocol: PixelProtocol, columns: Int, rows: Int,
                        cell: (Int, Int) = (10, 20)) throws -> PreviewImage {
        try Previewer.preview(data: PNGWriter.libpngRGBA(image), columns: columns, rows: rows,
                              options: PreviewOptions(pixels: PixelEncoding(pixelProtocol: pixelProtocol, cellWidth: cell.0, cellHeight: cell.1)))
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func sixelIsOneDeviceControlStringOfTheCellsPixels() throws {
        // 400×300 into 40×20 cells of 10×20 px (a 400×400 box): the whole width, 15 rows.
        let image = try Self.preview(.picture(400, 300), .sixel, columns: 40, rows: 20)
        #expect((image.columns, image.rows) == (40, 15))
        let pixels = try #require(image.pixels)
        #expect(pixels.pixelProtocol == .sixel && (pixels.pixelWidth, pixels.pixelHeight) == (400, 300))
        let text = Self.text(pixels.bytes)
        #expect(text.hasPrefix("\u{1B}P") && text.hasSuffix("\u{1B}\\"))
        // The raster attributes: 1:1 pixels, 400 wide and 300 tall.
        #expect(text.contains("\"1;1;400;300"))
        #expect(image.cells.allSatisfy { $0.symbol == " " && $0.foreground == .terminalDefault && $0.background == .terminalDefault })
    }

    @Test func kittyTransmitsRGBAInChunksSizedInCells() throws {
        let image = try Self.preview(.solid(200, 100, 0, 128, 255), .kitty, columns: 30, rows: 10)
        // 200×100 fits a 300×200 box as it is: 20×5 cells.
        #expect((image.columns, image.rows) == (20, 5))
        let text = Self.text(try #require(image.pixels).bytes)
        #expect(text.hasPrefix("\u{1B}_Ga=T,f=32,s=200,v=100,c=20,r=5,"))
        // Every chunk is an APC string; only the first carries the keys.
        let chunks = text.components(separatedBy: "\u{1B}_G").dropFirst()
        #expect(chunks.count >= 2)
        #expect(chunks.allSatisfy { $0.hasSuffix("\u{1B}\\") })
        #expect(chunks.dropFirst().allSatisfy { $0.hasPrefix("m=") })
        #expect(chunks.last?.hasPrefix("m=0") == true)
    }

    @Test func iterm2IsOneInlineFileOfTheCellSize() throws {
        let image = try Self.preview(.picture(640, 480), .iterm2, columns: 32, rows: 12, cell: (8, 16))
        #expect((image.columns, image.rows) == (32, 12))
        let text = Self.text(try #require(image.pixels).bytes)
        #expect(text.hasPrefix("\u{1B}]1337;File=inline=1;width=32;height=12;preserveAspectRatio=0:"))
        #expect(text.hasSuffix("\u{07}"))
    }

    @Test func aSmallPictureIsNeverEnlargedAndALargeOneKeepsItsAspect() {
        let encoding = PixelEncoding(pixelProtocol: .sixel, cellWidth: 10, cellHeight: 20)
        #expect(PixelRenderer.grid(imageWidth: 50, imageHeight: 40, columns: 80, rows: 40, encoding: encoding) == (5, 2))
        #expect(PixelRenderer.grid(imageWidth: 4000, imageHeight: 3000, columns: 80, rows: 40, encoding: encoding) == (80, 30))
        #expect(PixelRenderer.grid(imageWidth: 1000, imageHeight: 4000, columns: 80, rows: 40, encoding: encoding) == (20, 40))
        #expect(PixelRenderer.grid(imageWidth: 1, imageHeight: 1, columns: 80, rows: 40, encoding: encoding) == (1, 1))
    }

    @Test func eachPictureHasItsOwnIDAndTheCacheKeepsTheEncodedOne() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write(PNGWriter.libpngRGBA(.picture(300, 200)), named: "p.png")
        let options = PreviewOptions(pixels: PixelEncoding(pixelProtocol: .kitty, cellWidth: 10, cellHeight: 20))
        let loader = PreviewLoader()
        let request = PreviewRequest(path: path, columns: 20, rows: 10, options: options)
        let first = try await loader.load(request).get()
        let again = try #require(loader.cached(request)).get()
        #expect(first.pixels?.id == again.pixels?.id)
        // Another cell size is another picture, made anew.
        var bigger = options
        bigger.pixels?.cellWidth = 12
        let other = try await loader.load(PreviewRequest(path: path, columns: 20, rows: 10, options: bigger)).get()
        #expect(other.pixels != nil && other.pixels?.id != first.pixels?.id)
        #expect(loader.cached(PreviewRequest(path: path, columns: 20, rows: 10)) == nil)
    }

    @Test func scriptsGetTheGraphicsThenANewline() throws {
        let image = try Self.preview(.solid(20, 20, 255, 0, 0), .sixel, columns: 4, rows: 2)
        let pixels = try #require(image.pixels)
        #expect(image.terminalOutput == pixels.bytes + [0x0A])
    }

    @Test func rowsOfAnyLengthComeOutUnsheared() throws {
        // 639 px wide, reduced by 3 while decoding to 213 px: RGB rows of 639 bytes, which chafa's
        // scaler once sheared into diagonal bands. Left half red, right half blue.
        let image = RGBAImage(width: 639, height: 426) { x, _ in x < 320 ? (255, 0, 0, 255) : (0, 0, 255, 255) }
        let preview = try Self.preview(image, .kitty, columns: 22, rows: 7, cell: (9, 19))
        let pixels = try #require(preview.pixels)
        // Kitty's payload is the RGBA pixels in base64, each chunk encoded on its own.
        let chunks = Self.text(pixels.bytes).components(separatedBy: "\u{1B}_G").dropFirst().map { chunk in
            chunk.firstIndex(of: ";").map { String(chunk[chunk.index(after: $0)...].dropLast(2)) } ?? ""
        }
        var rgba = Data()
        for chunk in chunks where !chunk.isEmpty {
            guard let data = Data(base64Encoded: chunk) else { Issue.record("a chunk is not base64"); return }
            rgba += data
        }
        let width = pixels.pixelWidth, height = pixels.pixelHeight
        #expect(rgba.count == width * height * 4)
        for y in [0, height / 2, height - 1] {
            let left = rgba[rgba.startIndex + y * width * 4 + 4], right = rgba[rgba.startIndex + (y * width + width - 2) * 4 + 2]
            #expect(left > 200 && right > 200, "row \(y): red at the left, blue at the right")
        }
    }
}
