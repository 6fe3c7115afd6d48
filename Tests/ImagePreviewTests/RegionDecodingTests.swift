import Testing
@testable import ImagePreview

/// The loupe's regions: a part of the image, at its own pixels, filling the box.
@Suite("Regions", .timeLimit(.minutes(1)))
struct RegionDecodingTests {
    /// Each pixel says where it is: red = 4x, green = 4y.
    static let coordinates = RGBAImage(width: 64, height: 64) { x, y in (UInt8(x * 4), UInt8(y * 4), 0, 255) }

    @Test func aRegionIsCutFromTheFullSizePixelsAndEnlargedPixelByPixel() throws {
        let options = PreviewOptions(region: ImageRegion(x: 10, y: 5, width: 4, height: 2))
        // A small box would reduce the picture; with a region nothing is reduced before the crop.
        let decoded = try decode(PNGWriter.libpngRGBA(Self.coordinates), columns: 4, rows: 2, options: options)
        #expect((decoded.width, decoded.height) == (64, 64))
        let region = decoded.region(ImageRegion(x: 10, y: 5, width: 4, height: 2), fitting: PixelSize(width: 8, height: 4))
        #expect((region.width, region.height) == (8, 4))
        #expect(pixel(region, 0, 0).prefix(3) == [40, 20, 0])
        #expect(pixel(region, 1, 1).prefix(3) == [40, 20, 0], "each source pixel becomes a 2×2 square")
        #expect(pixel(region, 2, 0).prefix(3) == [44, 20, 0])
        #expect(pixel(region, 7, 3).prefix(3) == [52, 24, 0])
    }

    @Test func aRegionPastTheEdgeIsKeptInside() throws {
        let decoded = try decode(PNGWriter.libpngRGBA(Self.coordinates), options: PreviewOptions(region: ImageRegion(x: 0, y: 0, width: 1, height: 1)))
        let region = decoded.region(ImageRegion(x: 62, y: 60, width: 8, height: 8), fitting: PixelSize(width: 2, height: 4))
        #expect((region.width, region.height) == (2, 4))
        #expect(pixel(region, 0, 0).prefix(3) == [248, 240, 0])
        #expect(pixel(region, 1, 3).prefix(3) == [252, 252, 0])
    }

    @Test func aPreviewOfARegionShowsThatPartInCells() throws {
        // Red left of x = 32, blue from it on: a region across the border fills the box half and half.
        let image = RGBAImage(width: 64, height: 64) { x, _ in x < 32 ? (255, 0, 0, 255) : (0, 0, 255, 255) }
        let options = PreviewOptions(colors: .truecolor, region: ImageRegion(x: 28, y: 20, width: 8, height: 8))
        let preview = try Previewer.preview(data: PNGWriter.libpngRGBA(image), columns: 8, rows: 4, options: options)
        #expect((preview.columns, preview.rows) == (8, 4))
        #expect((preview.source.width, preview.source.height) == (64, 64), "the facts are the whole image's")
        // chafa's scaler may blend the two cells at the border; the rest are exact.
        for row in 0..<4 {
            for column in [0, 1, 2, 5, 6, 7] {
                let wanted: PreviewColor = column < 4 ? .rgb(255, 0, 0) : .rgb(0, 0, 255)
                let shown = halves(preview[column, row])
                #expect(shown.top == wanted && shown.bottom == wanted, "cell \(column),\(row)")
            }
        }
    }

    /// The cells follow the region's shape, not the whole image's.
    @Test func aWideRegionOfASquareImageFillsAWideBox() throws {
        let region = ImageRegion(x: 16, y: 28, width: 32, height: 8)
        let cells = try Previewer.preview(data: PNGWriter.libpngRGBA(Self.coordinates), columns: 16, rows: 2,
                                          options: PreviewOptions(region: region))
        #expect((cells.columns, cells.rows) == (16, 2))
        let encoding = PixelEncoding(pixelProtocol: .kitty, cellWidth: 10, cellHeight: 20)
        let pixels = try Previewer.preview(data: PNGWriter.libpngRGBA(Self.coordinates), columns: 8, rows: 1,
                                           options: PreviewOptions(pixels: encoding, region: region))
        #expect((pixels.columns, pixels.rows) == (8, 1))
    }

    @Test func aPixelPreviewOfARegionCoversTheWholeBox() throws {
        let encoding = PixelEncoding(pixelProtocol: .sixel, cellWidth: 10, cellHeight: 20)
        let options = PreviewOptions(pixels: encoding, region: ImageRegion(x: 0, y: 0, width: 20, height: 20))
        let preview = try Previewer.preview(data: PNGWriter.libpngRGBA(Self.coordinates), columns: 6, rows: 3, options: options)
        #expect((preview.columns, preview.rows) == (6, 3), "a small region is enlarged to the box, not shown small")
        #expect(preview.pixels?.pixelWidth == 60 && preview.pixels?.pixelHeight == 60)
    }
}
