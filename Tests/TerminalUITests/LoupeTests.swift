import Foundation
import Testing
@testable import TerminalUI

/// The loupe's arithmetic, pure.
@Suite struct LoupeMathTests {
    static let result = PixelExtent(width: 2048, height: 2048)

    @Test func oneToOneInCellsShowsOneResultPixelPerHalfBlock() {
        let visible = LoupeMath.visible(columns: 78, rows: 20, zoom: .actual, cell: .halfBlockCell, result: Self.result)
        #expect(visible == PixelExtent(width: 78, height: 40))
        let double = LoupeMath.visible(columns: 78, rows: 20, zoom: .double, cell: .halfBlockCell, result: Self.result)
        #expect(double == PixelExtent(width: 39, height: 20))
        // In pixels, a 10×20 cell holds 10×20 result pixels at 1:1.
        let pixels = LoupeMath.visible(columns: 78, rows: 20, zoom: .actual, cell: PixelExtent(width: 10, height: 20), result: Self.result)
        #expect(pixels == PixelExtent(width: 780, height: 400))
    }

    @Test func theVisiblePartNeverExceedsTheImage() {
        let small = PixelExtent(width: 50, height: 30)
        #expect(LoupeMath.visible(columns: 78, rows: 20, zoom: .actual, cell: .halfBlockCell, result: small) == small)
        #expect(LoupeMath.clamp(LoupePoint(x: 900, y: -4), visible: small, result: small) == LoupePoint(x: 25, y: 15))
    }

    @Test func theCentreStopsWhereTheViewMeetsAnEdge() {
        let visible = PixelExtent(width: 78, height: 40)
        #expect(LoupeMath.clamp(nil, visible: visible, result: Self.result) == LoupePoint(x: 1024, y: 1024))
        #expect(LoupeMath.clamp(LoupePoint(x: 0, y: 0), visible: visible, result: Self.result) == LoupePoint(x: 39, y: 20))
        #expect(LoupeMath.clamp(LoupePoint(x: 5000, y: 5000), visible: visible, result: Self.result) == LoupePoint(x: 2009, y: 2028))
        let region = LoupeMath.resultRegion(centre: LoupePoint(x: 2009, y: 2028), visible: visible)
        #expect(region == PreviewRegion(x: 1970, y: 2008, width: 78, height: 40))
    }

    @Test func theSourceShowsTheSamePlaceScaledByTheSizes() {
        let region = PreviewRegion(x: 1000, y: 600, width: 78, height: 40)
        let source = LoupeMath.mapped(region, from: PixelExtent(width: 4096, height: 3072), to: PixelExtent(width: 1024, height: 768))
        #expect(source == PreviewRegion(x: 250, y: 150, width: 20, height: 10))
        // Kept inside a source whose rounding would step past its edge.
        let edge = LoupeMath.mapped(PreviewRegion(x: 4018, y: 3032, width: 78, height: 40),
                                    from: PixelExtent(width: 4096, height: 3072), to: PixelExtent(width: 1000, height: 700))
        #expect(edge.x + edge.width <= 1000 && edge.y + edge.height <= 700)
    }

    @Test func zCyclesFitOneToOneTwoToOne() {
        #expect(LoupeZoom.fit.next == .actual && LoupeZoom.actual.next == .double && LoupeZoom.double.next == .fit)
        #expect([LoupeZoom.fit, .actual, .double].map(\.label) == ["fit", "1:1", "2:1"])
    }
}

/// The loupe through keys: what the slots ask for, panning, recentring, stale pictures.
@Suite struct LoupeKeyTests {
    static let resultPath = FilePath("/data/out/beach-upscaled.png")

    /// The larger view of the beach job's 2048×2048 result, its picture loaded.
    static func enlarged(size: Size = Size(columns: 80, rows: 24)) -> AppState {
        var s = Fixtures.state(size: size)
        s.focus = .results
        PictureFixtures.deliver(update(&s, .key(.end)), into: &s, facts: PictureFixtures.facts)
        PictureFixtures.deliver(update(&s, .key(.char("v"))), into: &s, facts: PictureFixtures.facts)
        return s
    }

    static func box(_ s: AppState) -> Rect { Layout(size: s.size).enlargedPicture }

    @Test func zAsksTheLargerViewForTheMiddleAtOneToOne() throws {
        var s = Self.enlarged()
        let effects = update(&s, .key(.char("z")))
        #expect(s.loupe.zoom == .actual)
        let key = try #require(PreviewTests.requests(effects)[.enlarged])
        let box = Self.box(s)
        let wanted = PreviewRegion(x: 1024 - box.width / 2, y: 1024 - box.height, width: box.width, height: box.height * 2)
        #expect(key == PreviewRequestKey(path: Self.resultPath, columns: box.width, rows: box.height, region: wanted))
        #expect(LoupeUpdate.position(s) == "1:1 at 1024,1024")
        _ = update(&s, .key(.char("z")))
        #expect(s.previews[.enlarged].request?.region?.width == box.width / 2, "2:1 shows half as many pixels")
        let back = update(&s, .key(.char("z")))
        #expect(s.loupe.zoom == .fit && PreviewTests.requests(back)[.enlarged]?.region == nil)
    }

    @Test func arrowsAndHJKLPanUntilTheEdgeAndZeroRecentres() throws {
        var s = Self.enlarged()
        _ = update(&s, .key(.char("z")))
        let selected = s.results.selectedID
        let box = Self.box(s)
        _ = update(&s, .key(.left))
        #expect(s.loupe.centre == LoupePoint(x: 1024 - box.width / 4, y: 1024))
        _ = update(&s, .key(.char("j")))
        #expect(s.loupe.centre == LoupePoint(x: 1024 - box.width / 4, y: 1024 + box.height * 2 / 4))
        #expect(s.results.selectedID == selected, "zoomed, arrows pan instead of moving the job list")
        for _ in 0..<200 { _ = update(&s, .key(.char("h"))) }
        for _ in 0..<200 { _ = update(&s, .key(.up)) }
        #expect(s.loupe.centre == LoupePoint(x: box.width / 2, y: box.height))
        #expect(s.previews[.enlarged].request?.region?.x == 0 && s.previews[.enlarged].request?.region?.y == 0)
        #expect(LoupeUpdate.position(s) == "1:1 at \(box.width / 2),\(box.height)")
        _ = update(&s, .key(.char("0")))
        #expect(s.loupe.centre == nil && LoupeUpdate.position(s) == "1:1 at 1024,1024")
    }

    @Test func notZoomedArrowsStillMoveTheJobList() {
        var s = Self.enlarged()
        let selected = s.results.selectedID
        _ = update(&s, .key(.up))
        #expect(s.results.selectedID != selected)
        #expect(s.loupe.centre == nil)
    }

    @Test func aPictureOfTheRegionBeforeThePanIsDropped() throws {
        var s = Self.enlarged()
        _ = update(&s, .key(.char("z")))
        let old = try #require(s.previews[.enlarged].request)
        _ = update(&s, .key(.right))
        let new = try #require(s.previews[.enlarged].request)
        #expect(old != new && old.region != new.region)
        let picture = PictureFixtures.landscape(fitting: old, aspect: 1)
        _ = update(&s, .previewLoaded(.enlarged, old, .picture(picture, PictureFixtures.upscaled)))
        #expect(s.previews[.enlarged].content == .loading, "a picture of the old region is stale")
        _ = update(&s, .previewLoaded(.enlarged, new, .picture(picture, PictureFixtures.upscaled)))
        #expect(s.previews[.enlarged].content == .picture(picture, PictureFixtures.upscaled))
    }

    @Test func theCompareViewZoomsTheSourceAndBothResultsTogether() throws {
        var s = GenerationFixtures.compareState(size: Size(columns: 120, rows: 40))
        _ = update(&s, .key(.char("z")))
        let first = try #require(s.previews[.compareFirst].request?.region)
        let second = try #require(s.previews[.compareSecond].request?.region)
        let source = try #require(s.previews[.compareSource].request?.region)
        // 4096×3072 first result, 2048×1536 second, 1024×768 source: the same place in each.
        #expect(first.x + first.width / 2 == 2048 && first.y + first.height / 2 == 1536)
        #expect(abs((second.x + second.width / 2) - 1024) <= 1 && abs((source.x + source.width / 2) - 512) <= 1)
        // At 1:1 in cells a column shows one result pixel: a quarter of a source pixel.
        let sourceBox = try #require(Layout(size: s.size).previewBox(.compareSource))
        #expect(abs(source.width - sourceBox.width / 4) <= 1, "the source is enlarged to the result's scale")
        let text = render(s, size: s.size).lines.joined()
        #expect(text.contains("1:1 at 2048,1536"))
        _ = update(&s, .key(.char("l")))
        #expect(try #require(s.previews[.compareSource].request?.region).x > source.x, "panning moves the source too")
    }

    @Test func theResultsPaneSideBySideZoomsSourceAndResultTogether() throws {
        var s = Fixtures.state(size: Size(columns: 120, rows: 40))
        s.focus = .results
        PictureFixtures.deliver(update(&s, .key(.end)), into: &s, facts: PictureFixtures.facts)
        #expect(s.showsPanePictures)
        let selected = s.results.selectedID
        let effects = update(&s, .key(.char("z")))
        #expect(s.loupe.zoom == .actual)
        let result = try #require(PreviewTests.requests(effects)[.result]?.region)
        let source = try #require(PreviewTests.requests(effects)[.source]?.region)
        #expect(source.width < result.width, "the 1024-pixel source shows the same place, enlarged to the result's scale")
        let line = render(s, size: s.size).lines.joined()
        #expect(line.contains("1:1 at 1024,1024"), "the position beside the result's size")
        _ = update(&s, .key(.down))
        #expect(s.results.selectedID == selected && s.loupe.centre != nil, "zoomed, arrows pan instead of moving the list")
        _ = update(&s, [.key(.char("z")), .key(.char("z"))])
        #expect(s.loupe.zoom == .fit && s.previews[.result].request?.region == nil)
        _ = update(&s, .key(.up))
        #expect(s.results.selectedID != selected, "at fit, arrows move the list again")
    }

    @Test func theLoupeKeysAreInTheHelpAndTheFooter() {
        var s = Self.enlarged(size: Size(columns: 160, rows: 48))
        #expect(FooterView.hints(for: s).contains { $0.command == .loupeZoom })
        _ = update(&s, .key(.char("z")))
        #expect(FooterView.hints(for: s).contains { $0.command == .loupeLeft })
        let help = HelpOverlayView.lines(filter: "loupe").map(\.text).joined(separator: "\n")
        #expect(help.contains("Pan left") && help.contains("Zoom: fit, 1:1"))
    }

    /// The larger view at 1:1 with its position line.
    @Test func goldenLargerViewAtOneToOne() throws {
        var s = Self.enlarged()
        PictureFixtures.deliver(update(&s, .key(.char("z"))), into: &s, facts: PictureFixtures.facts)
        PictureFixtures.deliver(update(&s, .key(.left)), into: &s, facts: PictureFixtures.facts)
        let screen = render(s, size: s.size)
        #expect(screen.lines.joined().contains("1:1 at"))
        try GoldenFile.check(screen, name: "loupe-enlarged-80x24")
    }
}
