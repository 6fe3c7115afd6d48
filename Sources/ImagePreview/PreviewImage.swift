/// A colour of one preview cell, as libchafa chose it for the requested colour mode.
public enum PreviewColor: Hashable, Sendable {
    /// The terminal's own foreground or background (colour mode `.none`).
    case terminalDefault
    /// A palette entry: 16...255 in mode `.indexed256`, 0...15 in mode `.indexed16`
    /// (0...7 the normal ANSI colours, 8...15 their bright forms).
    case indexed(UInt8)
    /// A 24-bit colour (mode `.truecolor` only).
    case rgb(UInt8, UInt8, UInt8)
}

/// One character cell of a preview: a single-width symbol drawn in `foreground` on `background`.
public struct PreviewCell: Hashable, Sendable {
    public var symbol: Character
    public var foreground: PreviewColor
    public var background: PreviewColor

    public init(symbol: Character, foreground: PreviewColor, background: PreviewColor) {
        self.symbol = symbol
        self.foreground = foreground
        self.background = background
    }
}

/// The image formats the previewer reads.
public enum PreviewFormat: String, Hashable, Sendable {
    case png = "PNG"
    case jpeg = "JPEG"
    case webp = "WEBP"
}

/// What the file holds, from its header: shown beside the preview.
public struct PreviewSourceInfo: Hashable, Sendable {
    public var format: PreviewFormat
    /// The full image's size in pixels (an animation's canvas).
    public var width: Int
    public var height: Int
    /// The file's size in bytes.
    public var fileSize: Int64
    /// 1 for still images; an animated WEBP's frame count (the preview shows the first frame).
    public var frameCount: Int
    /// Notable traits, e.g. "progressive", "CMYK", "16-bit", "interlaced", "paletted", "alpha".
    public var traits: [String]

    public init(format: PreviewFormat, width: Int, height: Int, fileSize: Int64 = 0, frameCount: Int = 1, traits: [String] = []) {
        self.format = format
        self.width = width
        self.height = height
        self.fileSize = fileSize
        self.frameCount = frameCount
        self.traits = traits
    }

    /// "JPEG 4000×3000, 3.2 MB" (plus ", animated: first of 12 frames" when animated).
    public var summary: String {
        var text = "\(format.rawValue) \(width)×\(height), \(Self.byteCount(fileSize))"
        if frameCount > 1 { text += ", animated: first of \(frameCount) frames" }
        return text
    }

    static func byteCount(_ bytes: Int64) -> String {
        if bytes < 1000 { return "\(bytes) B" }
        let units = ["kB", "MB", "GB"]
        var value = Double(bytes) / 1000
        var unit = 0
        while value >= 999.95 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        let rounded = (value * 10).rounded() / 10
        let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        return "\(text) \(units[unit])"
    }
}

/// A picture as a grid of character cells, row by row, ready to draw into a terminal screen
/// or to print as ANSI text. Its size fits inside the requested cell size with the image's
/// aspect kept, so it may be narrower or shorter than asked.
public struct PreviewImage: Hashable, Sendable {
    public let columns: Int
    public let rows: Int
    public let cells: [PreviewCell]
    public let source: PreviewSourceInfo
    public let colors: PreviewColorMode
    public let symbols: PreviewSymbols
    /// The picture as terminal graphics covering these cells, when pixels were asked for.
    public let pixels: EncodedPixels?

    public init(columns: Int, rows: Int, cells: [PreviewCell], source: PreviewSourceInfo,
                colors: PreviewColorMode, symbols: PreviewSymbols, pixels: EncodedPixels? = nil) {
        precondition(cells.count == columns * rows, "a preview needs columns × rows cells")
        self.columns = columns
        self.rows = rows
        self.cells = cells
        self.source = source
        self.colors = colors
        self.symbols = symbols
        self.pixels = pixels
    }

    public subscript(x: Int, y: Int) -> PreviewCell { cells[y * columns + x] }

    /// Each row as text with ANSI SGR colour sequences, reset at the end of every row.
    /// Mode `.none` has no escape sequences at all.
    public var ansiLines: [String] {
        (0..<rows).map { ANSIText.line(cells[($0 * columns)..<(($0 + 1) * columns)], colors: colors) }
    }

    /// The whole preview as ANSI text, one line per row, each ending in a newline.
    public var ansiText: String {
        ansiLines.map { $0 + "\n" }.joined()
    }

    /// What a script gets: the terminal graphics and a newline when made as pixels, else the
    /// ANSI text.
    public var terminalOutput: [UInt8] {
        guard let pixels else { return Array(ansiText.utf8) }
        return pixels.bytes + [0x0A]
    }
}
