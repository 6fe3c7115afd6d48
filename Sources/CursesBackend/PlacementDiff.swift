import TerminalUI

/// A kitty picture on screen: its image id and its placement id (one per slot, so one image
/// shown in two slots loses one placement at a time).
public struct KittyPlacement: Hashable, Sendable {
    public var image: UInt32
    public var placement: UInt32

    public init(image: UInt32, placement: UInt32) {
        self.image = image
        self.placement = placement
    }

    init(_ placement: ImagePlacement) {
        self.init(image: placement.pixels.id, placement: GraphicsOutput.placementID(placement.slot))
    }
}

/// What changes between the pictures on screen and the ones a new frame wants: kitty pictures
/// are deleted by id; sixel and iTerm2 pictures are plain pixels in the terminal's cells, so
/// they go by repainting the rows under them, and a kept picture on a repainted row is drawn
/// again. Pure, so the backend's bookkeeping is tested without a terminal.
public struct PlacementDiff: Hashable, Sendable {
    /// Kitty placements to delete (with the image's data once no placement shows it).
    public var kittyDeletions: [KittyPlacement]
    /// Screen rows whose cells must be sent again, in order.
    public var repaintRows: [Int]
    /// Pictures to write after the cells, in the new frame's order.
    public var draws: [ImagePlacement]

    /// `screenCleared`: the frame is drawn from scratch (resize, colour pairs reset), which
    /// wipes sixel and iTerm2 pixels; every picture is drawn again and old kitty ones deleted.
    public init(from old: [ImagePlacement], to new: [ImagePlacement], screenCleared: Bool) {
        if screenCleared {
            kittyDeletions = old.filter { $0.pixels.graphics == .kitty }.map(KittyPlacement.init)
            repaintRows = []
            draws = new
            return
        }
        let removed = old.filter { !new.contains($0) }
        kittyDeletions = removed.filter { $0.pixels.graphics == .kitty }.map(KittyPlacement.init)
        let rows = Set(removed.filter { $0.pixels.graphics != .kitty }.flatMap { $0.box.y..<($0.box.y + $0.box.height) })
        repaintRows = rows.sorted()
        draws = new.filter { placement in
            guard old.contains(placement) else { return true }
            // ncurses rewrites whole rows: a sixel or iTerm2 picture on one of them is lost.
            return placement.pixels.graphics != .kitty
                && (placement.box.y..<(placement.box.y + placement.box.height)).contains(where: rows.contains)
        }
    }

    public var isEmpty: Bool { kittyDeletions.isEmpty && repaintRows.isEmpty && draws.isEmpty }
}
