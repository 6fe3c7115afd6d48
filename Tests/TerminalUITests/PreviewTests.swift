import Foundation
import Testing
@testable import TerminalUI

/// The previews in the pure core: what each slot asks for, what it shows, and that results for
/// requests no longer wanted are dropped.
@Suite struct PreviewTests {
    static let beachPath = FilePath("/data/pics/beach.png")

    /// The files pane with the cursor moved onto beach.png by keys; returns the last effects.
    static func onBeach(size: Size = Size(columns: 80, rows: 24)) -> (AppState, [Effect]) {
        var s = Fixtures.state(size: size)
        var effects: [Effect] = []
        for _ in 0..<3 { effects = update(&s, .key(.down)) }
        #expect(s.files.selectedPath == beachPath)
        return (s, effects)
    }

    static func requests(_ effects: [Effect]) -> [PreviewSlot: PreviewRequestKey] {
        var out: [PreviewSlot: PreviewRequestKey] = [:]
        for case .loadPreview(let slot, let key) in effects { out[slot] = key }
        return out
    }

    @Test(arguments: GoldenScreenTests.sizes)
    func selectingAnImageAsksForAPictureTheSizeOfTheBox(size: Size) throws {
        let (s, effects) = Self.onBeach(size: size)
        let key = try #require(Self.requests(effects)[.file])
        let box = try #require(Layout(size: size).filesPreviewPicture)
        #expect(key == PreviewRequestKey(path: Self.beachPath, modified: 10, columns: box.width, rows: box.height))
        #expect(s.previews[.file] == PreviewSlotState(request: key, content: .loading))
        #expect(render(s, size: size).lines.joined().contains("loading…"))
        // The header's facts show while the picture loads.
        #expect(render(s, size: size).lines.joined().contains("PNG 1024×768 · 1.2 MB"))
    }

    @Test func aPictureForTheSelectionIsDrawnInTheBox() throws {
        let (start, effects) = Self.onBeach()
        var s = start
        let key = try #require(Self.requests(effects)[.file])
        let picture = PictureFixtures.landscape(fitting: key, aspect: 4.0 / 3.0)
        _ = update(&s, .previewLoaded(.file, key, .picture(picture, PictureFixtures.beach)))
        let screen = render(s, size: s.size)
        let box = try #require(Layout(size: s.size).filesPreviewPicture)
        let left = box.x + (box.width - picture.columns) / 2
        for y in 0..<picture.rows {
            for x in 0..<picture.columns {
                let cell = screen[left + x, box.y + y]
                #expect(cell.character == "▀")
                #expect(cell.style.foreground == picture[x, y].foreground && cell.style.background == picture[x, y].background)
            }
        }
        #expect(screen[left - 1, box.y].character == " ")
        #expect(!screen.lines.joined().contains("loading…"))
    }

    @Test func aPictureThatArrivesAfterTheSelectionMovedOnIsDropped() throws {
        let (start, effects) = Self.onBeach()
        var s = start
        let beachKey = try #require(Self.requests(effects)[.file])
        let moved = update(&s, .key(.down))
        let nextKey = try #require(Self.requests(moved)[.file])
        #expect(nextKey.path != beachKey.path)
        _ = update(&s, .previewLoaded(.file, beachKey, .picture(PictureFixtures.landscape(fitting: beachKey, aspect: 1), PictureFixtures.beach)))
        #expect(s.previews[.file] == PreviewSlotState(request: nextKey, content: .loading))
        // Nor does a picture made for another box (before a resize) land.
        _ = update(&s, .resize(Size(columns: 100, rows: 30)))
        _ = update(&s, .previewLoaded(.file, nextKey, .failed("late")))
        #expect(s.previews[.file].content == .loading)
    }

    @Test func movingTheSelectionNeverWaitsAndAsksOnlyForTheNewFile() {
        var (s, _) = Self.onBeach()
        for _ in 0..<3 {
            let effects = update(&s, .key(.down))
            // One request per step, for the file now selected; the old one is superseded.
            let keys = Self.requests(effects)
            #expect(keys.count <= 1)
            if let key = keys[.file] { #expect(key.path == s.files.selectedPath) }
        }
    }

    @Test func aFileThatCannotBePreviewedShowsItsReason() throws {
        let (start, effects) = Self.onBeach()
        var s = start
        let key = try #require(Self.requests(effects)[.file])
        _ = update(&s, .previewLoaded(.file, key, .failed("PNG is truncated: the file ends before\u{1B}[2J the image does")))
        let text = render(s, size: s.size).lines.joined()
        #expect(text.contains("PNG is truncated"))
        #expect(!text.contains("\u{1B}"))
    }

    @Test func foldersAndOtherFilesAskForNothingAndSayWhy() {
        var (s, _) = Self.onBeach()
        let effects = update(&s, .key(.home))
        #expect(effects.contains(.cancelPreview(.file)))
        #expect(s.previews[.file] == PreviewSlotState())
        #expect(render(s, size: s.size).lines.joined().contains("folder: Enter opens it"))
        _ = update(&s, .key(.end))
        #expect(s.previews[.file].request == nil)
    }

    @Test func aResizeAsksForTheNewBox() throws {
        var (s, _) = Self.onBeach()
        let effects = update(&s, .resize(Size(columns: 160, rows: 48)))
        let key = try #require(Self.requests(effects)[.file])
        let box = try #require(Layout(size: s.size).filesPreviewPicture)
        #expect((key.columns, key.rows) == (box.width, box.height))
        // Too small for the panes: nothing is asked for.
        let tiny = update(&s, .resize(Size(columns: 40, rows: 10)))
        #expect(tiny.contains(.cancelPreview(.file)))
    }

    @Test func wideTerminalsPutThePreviewBesideTheList() throws {
        let wide = Layout(size: Size(columns: 200, rows: 50))
        let preview = try #require(wide.filesPreview)
        #expect(preview.y == wide.filesList.y && preview.x == wide.filesList.maxX && preview.height == wide.filesList.height)
        let narrow = Layout(size: Size(columns: 160, rows: 48))
        let below = try #require(narrow.filesPreview)
        #expect(below.x == narrow.filesList.x && below.y == narrow.filesList.maxY)
    }

    @Test func theResultsPaneAsksForSourceAndDownloadedResult() throws {
        var s = Fixtures.state(size: Size(columns: 160, rows: 48))
        s.focus = .results
        let effects = update(&s, .key(.end))  // j1: done, saved
        let keys = Self.requests(effects)
        let layout = Layout(size: s.size)
        let sourceBox = try #require(layout.resultsPreviewPicture(.source))
        let resultBox = try #require(layout.resultsPreviewPicture(.result))
        #expect(keys[.source] == PreviewRequestKey(path: FilePath("/data/pics/beach.png"), columns: sourceBox.width, rows: sourceBox.height))
        #expect(keys[.result] == PreviewRequestKey(path: FilePath("/data/out/beach-upscaled.png"), columns: resultBox.width, rows: resultBox.height))
        PictureFixtures.deliver(effects, into: &s, facts: PictureFixtures.facts)
        let text = render(s, size: s.size).lines.joined()
        #expect(text.contains("Source 1024×768") && text.contains("Result 2048×2048"))
    }

    @Test func aResultNotDownloadedYetShowsItsStateInsteadOfAPicture() {
        var s = Fixtures.state(size: Size(columns: 160, rows: 48))
        s.focus = .results
        _ = update(&s, .key(.home))  // j2: uploading
        #expect(s.results.selectedID == "j2")
        #expect(s.previews[.result].request == nil)
        #expect(s.previews[.source].request != nil)
        #expect(render(s, size: s.size).lines.joined().contains("no result yet: uploading"))
    }

    @Test func vShowsTheResultLargerAndVOrEscGoesBack() throws {
        var s = Fixtures.state()
        s.focus = .results
        _ = update(&s, .key(.end))
        let effects = update(&s, .key(.char("v")))
        #expect(s.showsEnlargedResult)
        let key = try #require(Self.requests(effects)[.enlarged])
        let box = Layout(size: s.size).enlargedPicture
        #expect((key.columns, key.rows) == (box.width, box.height))
        #expect(key.path == FilePath("/data/out/beach-upscaled.png"))
        #expect(render(s, size: s.size).lines.joined().contains("v or Esc: back"))
        let back = update(&s, .key(.escape))
        #expect(!s.showsEnlargedResult)
        #expect(back.contains(.cancelPreview(.enlarged)))
        _ = update(&s, .key(.char("v")))
        _ = update(&s, .key(.char("v")))
        #expect(!s.showsEnlargedResult)
        // Esc with nothing enlarged changes nothing.
        let before = s
        #expect(update(&s, .key(.escape)).isEmpty)
        #expect(s == before)
    }

    @Test func theLargerViewKeyIsInTheFooterAndTheHelp() {
        var s = Fixtures.state()
        s.focus = .results
        #expect(render(s, size: Size(columns: 160, rows: 48)).lines.last!.contains("v larger view"))
        #expect(HelpOverlayView.lines(filter: "larger").contains { $0.keys == "v" })
    }

    @Test func pictureCellsThatAreNotPrintableAreDrawnAsSpaces() throws {
        let (start, effects) = Self.onBeach()
        var s = start
        let key = try #require(Self.requests(effects)[.file])
        let bad = try #require(PreviewPicture(columns: 3, rows: 1, cells: [
            PreviewPictureCell(symbol: "\u{1B}", foreground: .red, background: .blue),
            PreviewPictureCell(symbol: "海", foreground: .red, background: .blue),
            PreviewPictureCell(symbol: "▄", foreground: .red, background: .blue),
        ]))
        _ = update(&s, .previewLoaded(.file, key, .picture(bad, PictureFixtures.beach)))
        let screen = render(s, size: s.size)
        let box = try #require(Layout(size: s.size).filesPreviewPicture)
        let left = box.x + (box.width - 3) / 2
        #expect([screen[left, box.y].character, screen[left + 1, box.y].character, screen[left + 2, box.y].character] == [" ", " ", "▄"])
        #expect(PreviewPicture(columns: 2, rows: 2, cells: []) == nil)
    }
}

@Suite struct PreviewTextTests {
    @Test func aLongReasonWrapsToTheBoxInsteadOfBeingCut() {
        let lines = PreviewView.wrap("PNG is truncated: the file ends before the image does", width: 20)
        #expect(lines == ["PNG is truncated:", "the file ends before", "the image does"])
        #expect(PreviewView.wrap("averyveryverylongword", width: 8) == ["averyve…"])
        #expect(PreviewView.wrap("x", width: 0).isEmpty)
    }
}
