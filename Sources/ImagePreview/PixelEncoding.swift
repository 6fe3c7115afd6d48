import Synchronization

/// The terminal graphics protocols a preview can be written in as real pixels.
public enum PixelProtocol: String, Hashable, Sendable, CaseIterable {
    /// kitty's graphics protocol (kitty, WezTerm, Ghostty, Konsole).
    case kitty
    /// DEC sixel (xterm with sixel, foot, mlterm, WezTerm, Konsole).
    case sixel
    /// iTerm2's inline images (iTerm2, WezTerm).
    case iterm2
}

/// How to make a pixel preview: the protocol, and a cell's size in pixels on this terminal
/// (the picture is made exactly as many pixels as the cells it covers).
public struct PixelEncoding: Hashable, Sendable {
    public var pixelProtocol: PixelProtocol
    public var cellWidth: Int
    public var cellHeight: Int

    /// A usual cell when the terminal does not say (10×20 pixels).
    public static let fallbackCell = (width: 10, height: 20)

    public init(pixelProtocol: PixelProtocol, cellWidth: Int, cellHeight: Int) {
        self.pixelProtocol = pixelProtocol
        self.cellWidth = max(1, cellWidth)
        self.cellHeight = max(1, cellHeight)
    }
}

/// A preview as terminal graphics: the escape output libchafa wrote for a box of `columns` ×
/// `rows` cells. `id` is unique in this process: the UI uses it as the kitty image id and to
/// tell one picture from another without comparing the bytes.
public struct EncodedPixels: Hashable, Sendable {
    public let pixelProtocol: PixelProtocol
    public let id: UInt32
    public let bytes: [UInt8]
    /// The picture's size in pixels (the cells it covers times the cell size).
    public let pixelWidth: Int
    public let pixelHeight: Int

    private static let lastID = Atomic<UInt32>(0)

    init(pixelProtocol: PixelProtocol, bytes: [UInt8], pixelWidth: Int, pixelHeight: Int) {
        self.pixelProtocol = pixelProtocol
        // Kitty image ids are 1 ... 2³²-1; wrapping after four billion pictures is harmless.
        var id = Self.lastID.add(1, ordering: .relaxed).newValue
        if id == 0 { id = Self.lastID.add(1, ordering: .relaxed).newValue }
        self.id = id
        self.bytes = bytes
        self.pixelWidth = pixelWidth
        self.pixelHeight = pixelHeight
    }

    // The id names the picture: comparing megabytes of escape output would be wasted work.
    public static func == (lhs: EncodedPixels, rhs: EncodedPixels) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}
