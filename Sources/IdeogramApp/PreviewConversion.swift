import ImagePreview
import TerminalUI

/// ImagePreview's pictures as TerminalUI's cells (the core does not know ImagePreview).
enum PreviewConversion {
    static func outcome(_ result: Result<PreviewImage, PreviewError>) -> PreviewOutcome {
        switch result {
        case .success(let image):
            let cells = image.cells.map {
                PreviewPictureCell(symbol: $0.symbol, foreground: color($0.foreground), background: color($0.background))
            }
            let pixels = image.pixels.map {
                PreviewPixels(graphics: graphics($0.pixelProtocol), id: $0.id, bytes: $0.bytes,
                              cell: PixelExtent(width: $0.pixelWidth / max(1, image.columns), height: $0.pixelHeight / max(1, image.rows)))
            }
            guard let picture = PreviewPicture(columns: image.columns, rows: image.rows, cells: cells, pixels: pixels) else {
                return .failed("could not draw the preview")
            }
            let source = image.source
            return .picture(picture, PreviewFacts(format: source.format.rawValue, width: source.width, height: source.height,
                                                  fileSize: source.fileSize, frameCount: source.frameCount))
        case .failure(let error):
            return .failed(error.description)
        }
    }

    static func graphics(_ pixelProtocol: PixelProtocol) -> PixelGraphics {
        switch pixelProtocol {
        case .kitty: .kitty
        case .sixel: .sixel
        case .iterm2: .iterm2
        }
    }

    static func color(_ color: PreviewColor) -> TerminalColor {
        switch color {
        case .terminalDefault: .terminalDefault
        case .indexed(let n): .indexed(n)
        case .rgb(let r, let g, let b): .indexed(cubeIndex(r, g, b))
        }
    }

    /// The nearest entry of the 256-colour palette's 6×6×6 cube (true colour is never asked
    /// for; this keeps a stray RGB cell close instead of wrong).
    static func cubeIndex(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        func level(_ v: UInt8) -> Int { v < 48 ? 0 : (v < 115 ? 1 : (Int(v) - 35) / 40) }
        return UInt8(16 + 36 * level(r) + 6 * level(g) + level(b))
    }
}
