import Testing
import TerminalUI
@testable import CursesBackend

/// The backend's bookkeeping of pictures between frames.
@Suite struct PlacementDiffTests {
    static func placement(_ slot: PreviewSlot, _ graphics: PixelGraphics, id: UInt32, x: Int = 2, y: Int, width: Int = 10, height: Int = 4) -> ImagePlacement {
        ImagePlacement(slot: slot, box: Rect(x: x, y: y, width: width, height: height),
                       key: PreviewRequestKey(path: FilePath("/p/\(id).png"), columns: width, rows: height),
                       pixels: PreviewPixels(graphics: graphics, id: id, bytes: Array("img\(id)".utf8)))
    }

    @Test func nothingChangedWritesNothing() {
        let frame = [Self.placement(.file, .sixel, id: 1, y: 3), Self.placement(.result, .kitty, id: 2, y: 20)]
        #expect(PlacementDiff(from: frame, to: frame, screenCleared: false).isEmpty)
    }

    @Test func aNewPictureIsDrawnAndAKittyOneLeavingIsDeletedByID() {
        let old = [Self.placement(.file, .kitty, id: 1, y: 3)]
        let new = [Self.placement(.file, .kitty, id: 2, y: 3)]
        let diff = PlacementDiff(from: old, to: new, screenCleared: false)
        #expect(diff.kittyDeletions == [KittyPlacement(image: 1, placement: 1)])
        #expect(diff.repaintRows.isEmpty)
        #expect(diff.draws == new)
        let gone = PlacementDiff(from: new, to: [], screenCleared: false)
        #expect(gone.kittyDeletions == [KittyPlacement(image: 2, placement: 1)] && gone.repaintRows.isEmpty && gone.draws.isEmpty)
    }

    @Test func aSixelLeavingRepaintsItsRowsAndRedrawsAKeptOneOnThem() {
        let source = Self.placement(.source, .sixel, id: 1, x: 0, y: 10, height: 3)
        let result = Self.placement(.result, .sixel, id: 2, x: 20, y: 10, height: 5)
        let elsewhere = Self.placement(.file, .sixel, id: 3, x: 0, y: 30, height: 2)
        let newSource = Self.placement(.source, .sixel, id: 4, x: 0, y: 10, height: 2)
        let diff = PlacementDiff(from: [source, result, elsewhere], to: [newSource, result, elsewhere], screenCleared: false)
        #expect(diff.kittyDeletions.isEmpty)
        #expect(diff.repaintRows == [10, 11, 12])
        // The result shares rows 10...12, so ncurses' repaint wipes it: drawn again. The file's is untouched.
        #expect(diff.draws == [newSource, result])
    }

    @Test func aMovedPictureIsAnotherPlacement() {
        let old = Self.placement(.file, .iterm2, id: 1, y: 3)
        let moved = Self.placement(.file, .iterm2, id: 1, y: 5)
        let diff = PlacementDiff(from: [old], to: [moved], screenCleared: false)
        #expect(diff.repaintRows == [3, 4, 5, 6])
        #expect(diff.draws == [moved])
    }

    @Test func aClearedScreenDrawsEverythingAgainAndDeletesOldKittyImages() {
        let kitty = Self.placement(.file, .kitty, id: 7, y: 3)
        let sixel = Self.placement(.result, .sixel, id: 8, y: 20)
        let diff = PlacementDiff(from: [kitty, sixel], to: [kitty, sixel], screenCleared: true)
        #expect(diff.kittyDeletions == [KittyPlacement(image: 7, placement: 1)])
        #expect(diff.repaintRows.isEmpty)
        #expect(diff.draws == [kitty, sixel])
    }

    @Test func aMovedKittyPictureIsDeletedBeforeItIsPlacedAgain() {
        let there = Self.placement(.file, .kitty, id: 5, y: 3)
        let moved = Self.placement(.file, .kitty, id: 5, y: 8)
        let diff = PlacementDiff(from: [there], to: [moved], screenCleared: false)
        // Deletions are written before the frame and draws after: the old place is emptied first.
        #expect(diff.kittyDeletions == [KittyPlacement(image: 5, placement: 1)])
        #expect(diff.repaintRows.isEmpty)
        #expect(diff.draws == [moved])
    }

    @Test func oneImageInTwoSlotsLosesOnePlacementAtATime() {
        let kept = Self.placement(.source, .kitty, id: 6, y: 3)
        let copy = Self.placement(.result, .kitty, id: 6, x: 30, y: 3)
        let diff = PlacementDiff(from: [kept, copy], to: [kept], screenCleared: false)
        #expect(diff.kittyDeletions == [KittyPlacement(image: 6, placement: GraphicsOutput.placementID(.result))])
        #expect(diff.draws.isEmpty)
    }
}
