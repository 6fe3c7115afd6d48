/// One character cell of an image preview: a single-width symbol in two colours.
public struct PreviewPictureCell: Hashable, Sendable {
    public var symbol: Character
    public var foreground: TerminalColor
    public var background: TerminalColor

    public init(symbol: Character, foreground: TerminalColor, background: TerminalColor) {
        self.symbol = symbol
        self.foreground = foreground
        self.background = background
    }
}

/// An image already turned into character cells, row by row. The core only draws it; making
/// it (decoding, mapping pixels to cells) happens outside, behind `Effect.loadPreview`.
public struct PreviewPicture: Hashable, Sendable {
    public let columns: Int
    public let rows: Int
    public let cells: [PreviewPictureCell]
    /// The same picture as terminal graphics covering these cells (whose cells are then blank),
    /// when the terminal shows pixels.
    public let pixels: PreviewPixels?

    /// Nil when `cells` is not exactly `columns` × `rows`: a malformed picture is never drawn.
    public init?(columns: Int, rows: Int, cells: [PreviewPictureCell], pixels: PreviewPixels? = nil) {
        guard columns >= 0, rows >= 0, cells.count == columns * rows else { return nil }
        self.columns = columns
        self.rows = rows
        self.cells = cells
        self.pixels = pixels
    }

    public subscript(x: Int, y: Int) -> PreviewPictureCell { cells[y * columns + x] }
}

/// What the previewed file holds, shown beside the picture.
public struct PreviewFacts: Hashable, Sendable {
    /// "PNG", "JPEG", "WEBP".
    public var format: String
    public var width: Int
    public var height: Int
    public var fileSize: Int64
    /// Frames in an animation (the preview shows the first); 1 for still images.
    public var frameCount: Int

    public init(format: String, width: Int, height: Int, fileSize: Int64, frameCount: Int = 1) {
        self.format = format
        self.width = width
        self.height = height
        self.fileSize = fileSize
        self.frameCount = frameCount
    }

    /// "1024×768".
    public var resolution: String { "\(width)×\(height)" }
}

/// How a preview request ended: a picture, or why there is none (one line).
public enum PreviewOutcome: Hashable, Sendable {
    case picture(PreviewPicture, PreviewFacts)
    case failed(String)
}
