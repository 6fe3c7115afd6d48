import Testing
@testable import TerminalUI

/// Where pictures in terminal graphics go: exactly over their blank cells, and nowhere once
/// the selection, the view, an overlay or the size says otherwise.
@Suite struct ImagePlacementTests {
    /// A picture as the provider makes one in pixel mode: blank cells and the graphics.
    static func pixelPicture(fitting key: PreviewRequestKey, id: UInt32) -> PreviewPicture {
        let (columns, rows) = PictureFixtures.size(fitting: key, aspect: 4.0 / 3.0)
        let blank = PreviewPictureCell(symbol: " ", foreground: .terminalDefault, background: .terminalDefault)
        return PreviewPicture(columns: columns, rows: rows, cells: Array(repeating: blank, count: columns * rows),
                              pixels: PreviewPixels(graphics: .sixel, id: id, bytes: Array("sixel\(id)".utf8)))!
    }

    static func deliver(_ effects: [Effect], into state: inout AppState) {
        for case .loadPreview(let slot, let key) in effects {
            _ = update(&state, .previewLoaded(slot, key, .picture(pixelPicture(fitting: key, id: UInt32(PreviewSlot.allCases.firstIndex(of: slot)! + 1)), PictureFixtures.beach)))
        }
    }

    @Test func theSelectedFilesPictureSitsOverItsCellsInTheBox() throws {
        var (s, effects) = PreviewTests.onBeach()
        #expect(imagePlacements(s, size: s.size).isEmpty)  // still loading
        Self.deliver(effects, into: &s)
        let placements = imagePlacements(s, size: s.size)
        let box = try #require(Layout(size: s.size).filesPreviewPicture)
        guard case .picture(let picture, _) = s.previews[.file].content else { Issue.record("no picture"); return }
        let left = box.x + (box.width - picture.columns) / 2
        #expect(placements == [ImagePlacement(slot: .file, box: Rect(x: left, y: box.y, width: picture.columns, height: picture.rows),
                                              key: try #require(s.previews[.file].request), pixels: try #require(picture.pixels))])
        // The cells under it are blank: the pixels cover exactly the picture's cells.
        let screen = render(s, size: s.size)
        for y in box.y..<(box.y + picture.rows) {
            for x in left..<(left + picture.columns) { #expect(screen[x, y].character == " ") }
        }
    }

    @Test func movingTheSelectionTakesThePictureAwayUntilTheNextArrives() {
        var (s, effects) = PreviewTests.onBeach()
        Self.deliver(effects, into: &s)
        #expect(imagePlacements(s, size: s.size).count == 1)
        _ = update(&s, .key(.down))
        #expect(imagePlacements(s, size: s.size).isEmpty)
    }

    @Test func anOverlayOrATooSmallTerminalShowsNoPixels() {
        var (s, effects) = PreviewTests.onBeach()
        Self.deliver(effects, into: &s)
        var help = s
        help.overlay = .help(filter: "", scroll: 0)
        #expect(imagePlacements(help, size: help.size).isEmpty)
        #expect(imagePlacements(s, size: Size(columns: 20, rows: 5)).isEmpty)
    }

    @Test func aResizeDropsThePictureMadeForTheOldBox() {
        var (s, effects) = PreviewTests.onBeach()
        Self.deliver(effects, into: &s)
        // Before the new picture arrives the old one's box is wrong: no placement at the new size.
        #expect(imagePlacements(s, size: Size(columns: 120, rows: 40)).isEmpty)
        _ = update(&s, .resize(Size(columns: 120, rows: 40)))
        #expect(imagePlacements(s, size: s.size).isEmpty)
    }

    @Test func theResultsPanePlacesSourceAndResultSideBySideAndTheLargerViewAlone() {
        var s = Fixtures.state(size: Size(columns: 160, rows: 48))
        s.focus = .results
        Self.deliver(update(&s, .key(.end)), into: &s)
        #expect(Set(imagePlacements(s, size: s.size).map(\.slot)) == [.source, .result])
        Self.deliver(update(&s, .key(.char("v"))), into: &s)
        let slots = imagePlacements(s, size: s.size).map(\.slot)
        #expect(slots.contains(.enlarged) && !slots.contains(.source) && !slots.contains(.result))
        let enlarged = Layout(size: s.size).enlargedPicture
        let box = imagePlacements(s, size: s.size).first { $0.slot == .enlarged }?.box
        #expect(box.map { $0.y == enlarged.y && $0.x >= enlarged.x && $0.x + $0.width <= enlarged.x + enlarged.width } == true)
    }

    @Test func cellPicturesHaveNoPlacements() {
        var (s, effects) = PreviewTests.onBeach()
        PictureFixtures.deliver(effects, into: &s, facts: PictureFixtures.facts)
        #expect(imagePlacements(s, size: s.size).isEmpty)
    }
}
