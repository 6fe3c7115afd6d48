/// The terminal graphics protocols a picture can be drawn in.
public enum PixelGraphics: String, Hashable, Sendable, CaseIterable {
    case kitty
    case sixel
    case iterm2
}

/// A picture as terminal graphics, made outside the core like the cells: the escape output for
/// the picture's cell box. The core only says where it goes (`imagePlacements`); the terminal
/// writes it.
public struct PreviewPixels: Hashable, Sendable {
    public let graphics: PixelGraphics
    /// Unique in the process (the kitty image id): two pictures with the same id are the same.
    public let id: UInt32
    public let bytes: [UInt8]
    /// A cell's size in screen pixels the picture was made for (the loupe's 1:1 depends on it).
    public let cell: PixelExtent?

    public init(graphics: PixelGraphics, id: UInt32, bytes: [UInt8], cell: PixelExtent? = nil) {
        self.graphics = graphics
        self.id = id
        self.bytes = bytes
        self.cell = cell
    }

    // Compared and hashed by name: the state is compared often, the bytes can be megabytes.
    public static func == (lhs: PreviewPixels, rhs: PreviewPixels) -> Bool { lhs.graphics == rhs.graphics && lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(graphics)
        hasher.combine(id)
    }
}
