/// How many colours a preview may use.
public enum PreviewColorMode: String, Hashable, Sendable, CaseIterable {
    /// 24-bit colour, for terminals that declare it (`COLORTERM=truecolor`).
    case truecolor
    /// The 256-colour palette (the default). Only entries 16...255 are used: the first 16 follow
    /// the user's terminal theme, so they would shift the picture's colours.
    case indexed256 = "256"
    /// The 16 ANSI colours.
    case indexed16 = "16"
    /// No colour: plain ASCII characters in the terminal's own colours (NO_COLOR, dumb terminals).
    case none

    /// The mode a terminal's environment asks for: `NO_COLOR` (set and not empty) or
    /// `TERM=dumb` give `.none`; `COLORTERM=truecolor|24bit` gives `.truecolor`; the Linux
    /// console and VT100-style terminals give `.indexed16`; anything else `.indexed256`.
    public static func preferred(environment: [String: String]) -> PreviewColorMode {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        let term = environment["TERM"] ?? ""
        if term == "dumb" { return .none }
        if let colorTerm = environment["COLORTERM"]?.lowercased(), colorTerm == "truecolor" || colorTerm == "24bit" {
            return .truecolor
        }
        if term == "linux" || term.hasPrefix("vt") || term == "ansi" { return .indexed16 }
        return .indexed256
    }
}

/// Which characters a preview may draw with.
public enum PreviewSymbols: String, Hashable, Sendable, CaseIterable {
    /// Upper and lower half blocks (and spaces): two square-ish pixels a cell, in any font.
    case half
    /// Chafa's block and border symbols (quadrants, eighths, box drawing): more detail, needs a
    /// font with those glyphs.
    case dense
}

/// Everything about a preview except the file and the cell size.
public struct PreviewOptions: Hashable, Sendable {
    public var colors: PreviewColorMode
    public var symbols: PreviewSymbols
    /// A cell's width over its height; terminal cells are about twice as tall as wide.
    public var cellAspect: Double
    /// Images with more pixels than this (by their header) are refused before any pixel
    /// memory is allocated.
    public var maxPixels: Int
    /// Files larger than this are refused without being read.
    public var maxFileBytes: Int
    /// Set: the preview is terminal graphics in this protocol (its cells are blank, to sit
    /// under the pixels); nil: character cells.
    public var pixels: PixelEncoding?
    /// Set: only this part of the image, filling the box (the loupe); nil: the whole image.
    public var region: ImageRegion?

    public static let defaultMaxPixels = 8192 * 8192
    public static let defaultMaxFileBytes = 256 * 1024 * 1024

    public init(colors: PreviewColorMode = .indexed256, symbols: PreviewSymbols = .half, cellAspect: Double = 0.5,
                maxPixels: Int = PreviewOptions.defaultMaxPixels, maxFileBytes: Int = PreviewOptions.defaultMaxFileBytes, pixels: PixelEncoding? = nil,
                region: ImageRegion? = nil) {
        self.colors = colors
        self.symbols = symbols
        self.cellAspect = cellAspect
        self.maxPixels = maxPixels
        self.maxFileBytes = maxFileBytes
        self.pixels = pixels
        self.region = region
    }
}
