import Testing
@testable import ImagePreview

@Suite("Cells", .timeLimit(.minutes(1)))
struct CellMappingTests {
    func preview(_ image: RGBAImage, columns: Int, rows: Int, colors: PreviewColorMode = .indexed256,
                 symbols: PreviewSymbols = .half) throws -> PreviewImage {
        try Previewer.preview(data: PNGWriter.libpngRGBA(image), columns: columns, rows: rows,
                              options: PreviewOptions(colors: colors, symbols: symbols))
    }

    @Test func solidRedGivesRedCells() throws {
        let image = try preview(.solid(64, 64, 255, 0, 0), columns: 8, rows: 4)
        #expect((image.columns, image.rows) == (8, 4))
        for cell in image.cells {
            let shown = halves(cell)
            #expect(shown.top == .indexed(196) && shown.bottom == .indexed(196), "\(cell)")
        }
    }

    @Test(arguments: [(22, 7), (17, 9), (31, 11)])
    func rowsOfAnyLengthComeOutUnsheared(columns: Int, rows: Int) throws {
        // Reduced while decoding to rows whose RGB bytes are not a multiple of 4, which chafa's
        // scaler sheared into grey diagonal bands. Left half red, right half blue.
        let picture = RGBAImage(width: 639, height: 426) { x, _ in x < 320 ? (255, 0, 0, 255) : (0, 0, 255, 255) }
        let image = try preview(picture, columns: columns, rows: rows, colors: .truecolor)
        for y in 0..<image.rows {
            #expect(halves(image[0, y]).top == .rgb(255, 0, 0), "row \(y) starts red")
            #expect(halves(image[image.columns - 1, y]).bottom == .rgb(0, 0, 255), "row \(y) ends blue")
        }
    }

    @Test func solidRedInTrueColourAndSixteenColours() throws {
        let truecolor = try preview(.solid(64, 64, 255, 0, 0), columns: 8, rows: 4, colors: .truecolor)
        #expect(truecolor.cells.allSatisfy { halves($0).top == .rgb(255, 0, 0) && halves($0).bottom == .rgb(255, 0, 0) })
        let sixteen = try preview(.solid(64, 64, 255, 0, 0), columns: 8, rows: 4, colors: .indexed16)
        #expect(sixteen.cells.allSatisfy { [.indexed(1), .indexed(9)].contains(halves($0).top) })
    }

    @Test(arguments: [PreviewColorMode.indexed256, .truecolor])
    func topWhiteBottomBlackGivesHalfBlocks(colors: PreviewColorMode) throws {
        let image = try preview(.topWhiteBottomBlack(64, 64), columns: 4, rows: 2, colors: colors)
        #expect((image.columns, image.rows) == (4, 2))
        let white: PreviewColor = colors == .truecolor ? .rgb(255, 255, 255) : .indexed(231)
        let black: PreviewColor = colors == .truecolor ? .rgb(0, 0, 0) : .indexed(16)
        for x in 0..<4 {
            #expect(halves(image[x, 0]).top == white && halves(image[x, 0]).bottom == white)
            #expect(halves(image[x, 1]).top == black && halves(image[x, 1]).bottom == black)
        }
        // One cell row: the boundary falls inside each cell, so each is a half block.
        let single = try preview(.topWhiteBottomBlack(64, 64), columns: 2, rows: 1, colors: colors)
        #expect((single.columns, single.rows) == (2, 1))
        for cell in single.cells {
            #expect(["▀", "▄"].contains(cell.symbol))
            #expect(halves(cell).top == white && halves(cell).bottom == black)
        }
    }

    @Test func aspectIsKept() throws {
        // Cells are half as wide as tall: a 2:1 image in an 80×40 box is 80 columns by 20 rows.
        let wide = try preview(.picture(400, 200), columns: 80, rows: 40)
        #expect((wide.columns, wide.rows) == (80, 20))
        let tall = try preview(.picture(200, 400), columns: 80, rows: 40)
        #expect((tall.columns, tall.rows) == (40, 40))
        #expect(CellRenderer.grid(imageWidth: 4000, imageHeight: 3000, columns: 80, rows: 40, cellAspect: 0.5) == (80, 30))
    }

    @Test func noColourIsPlainASCII() throws {
        let image = try preview(.picture(120, 60), columns: 30, rows: 10, colors: .none)
        #expect(image.cells.allSatisfy { $0.foreground == .terminalDefault && $0.background == .terminalDefault })
        #expect(image.cells.allSatisfy { $0.symbol.isASCII })
        #expect(!image.ansiText.contains("\u{1B}"))
        #expect(image.ansiLines.count == image.rows)
    }

    @Test func denseSymbolsAreSingleWidth() throws {
        let image = try preview(.picture(160, 80), columns: 40, rows: 10, symbols: .dense)
        let symbols = Set(image.cells.map(\.symbol))
        #expect(symbols.count > 3)
        #expect(symbols.allSatisfy { $0.unicodeScalars.count == 1 && ($0.isASCII || (0x2500...0x259F).contains($0.unicodeScalars.first!.value)) })
    }

    @Test func ansiText() throws {
        let image = try preview(.solid(32, 32, 255, 0, 0), columns: 4, rows: 2)
        let lines = image.ansiLines
        #expect(lines.count == 2)
        for line in lines {
            #expect(line.contains("5;196m"))
            #expect(line.hasSuffix("\u{1B}[0m"))
        }
        #expect(ANSIText.sgr(.indexed(3), background: false) == "33")
        #expect(ANSIText.sgr(.indexed(9), background: true) == "101")
        #expect(ANSIText.sgr(.rgb(1, 2, 3), background: false) == "38;2;1;2;3")
    }

    @Test func transparentImageShowsTheChecker() throws {
        let image = try preview(.solid(64, 64, 0, 0, 0, 0), columns: 8, rows: 4)
        let colors = Set(image.cells.flatMap { [halves($0).top, halves($0).bottom] })
        #expect(colors.count == 2, "two checker greys: \(colors)")
    }

    @Test func sourceInfo() throws {
        let png = PNGWriter.png(width: 30, height: 20, colorType: .palette, interlaced: true,
                                palette: [(1, 2, 3)]) { _, _ in [0] }
        let image = try Previewer.preview(data: png, columns: 10, rows: 10)
        #expect(image.source.format == .png)
        #expect((image.source.width, image.source.height) == (30, 20))
        #expect(image.source.traits == ["paletted", "interlaced"])
        #expect(image.source.summary == "PNG 30×20, \(png.count) B")
        #expect(PreviewSourceInfo.byteCount(3_345_678) == "3.3 MB")
        #expect(PreviewSourceInfo.byteCount(2_000) == "2 kB")
    }

    @Test func colourModeFromTheEnvironment() {
        #expect(PreviewColorMode.preferred(environment: ["NO_COLOR": "1", "COLORTERM": "truecolor"]) == .none)
        #expect(PreviewColorMode.preferred(environment: ["NO_COLOR": "", "TERM": "xterm-256color"]) == .indexed256)
        #expect(PreviewColorMode.preferred(environment: ["COLORTERM": "truecolor", "TERM": "xterm-256color"]) == .truecolor)
        #expect(PreviewColorMode.preferred(environment: ["TERM": "dumb"]) == .none)
        #expect(PreviewColorMode.preferred(environment: ["TERM": "linux"]) == .indexed16)
        #expect(PreviewColorMode.preferred(environment: [:]) == .indexed256)
    }

    @Test func everyVariantPreviewsOrGivesAOneLineReason() throws {
        let picture = RGBAImage.picture(48, 32)
        let jpeg = JPEGWriter.jpeg(picture)
        let png = PNGWriter.libpngRGBA(picture)
        let variants: [(String, [UInt8], Bool)] = [
            ("png", png, true),
            ("png 16-bit", PNGWriter.png(width: 8, height: 8, colorType: .rgba, bitDepth: 16) { x, y in [x * 8000, y * 8000, 0, 40000] }, true),
            ("png paletted", PNGWriter.png(width: 8, height: 8, colorType: .palette, palette: [(9, 9, 9), (200, 0, 0)]) { x, _ in [x % 2] }, true),
            ("png interlaced", PNGWriter.png(width: 9, height: 9, colorType: .rgb, interlaced: true) { x, y in [x * 20, y * 20, 0] }, true),
            ("png truncated", Array(png.prefix(png.count / 2)), false),
            ("jpeg", jpeg, true),
            ("jpeg progressive", JPEGWriter.jpeg(picture, progressive: true), true),
            ("jpeg cmyk", JPEGWriter.jpeg(picture, components: 4), true),
            ("jpeg gray", JPEGWriter.jpeg(picture, components: 1), true),
            ("jpeg 60000x60000", JPEGWriter.claimingSize(jpeg, width: 60000, height: 60000), false),
            ("jpeg truncated", Array(jpeg.prefix(jpeg.count / 2)), false),
            ("webp lossy", WebPWriter.lossy(picture), true),
            ("webp lossless", WebPWriter.losslessRGBA(picture), true),
            ("webp animated", WebPWriter.animated([picture, .solid(48, 32, 0, 0, 0)]), true),
            ("not an image", Array("GIF89a".utf8), false),
        ]
        for (name, bytes, previews) in variants {
            do throws(PreviewError) {
                let image = try Previewer.preview(data: bytes, columns: 20, rows: 10)
                #expect(previews, "\(name) previewed")
                #expect(image.columns > 0 && image.rows > 0)
            } catch {
                #expect(!previews, "\(name): \(error)")
                #expect(!error.description.contains("\n"))
            }
        }
    }

    @Test func errorsAreOneLine() {
        let errors: [PreviewError] = [
            .unreadable("No such file or directory"), .notAFile, .unsupportedFormat,
            .fileTooLarge(bytes: 300_000_000, limit: 256 * 1024 * 1024),
            .tooManyPixels(format: .jpeg, width: 60000, height: 60000, limit: PreviewOptions.defaultMaxPixels),
            .truncated(.png), .corrupt(.webp, "bad\nthing\u{7}"), .empty(.png), .renderingFailed, .cancelled,
        ]
        for error in errors {
            #expect(!error.description.contains("\n") && !error.description.contains("\u{7}"), "\(error.description)")
        }
        #expect(PreviewError.tooManyPixels(format: .jpeg, width: 60000, height: 60000, limit: PreviewOptions.defaultMaxPixels).description
            == "JPEG 60000×60000 is too large to preview (limit 67.1 megapixels)")
    }
}
