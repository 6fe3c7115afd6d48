import Testing
import TerminalUI
@testable import CursesBackend

/// The bytes written for a picture: a saved cursor, a move to the box, the picture, the cursor back.
@Suite struct GraphicsOutputTests {
    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    static func placement(_ graphics: PixelGraphics, id: UInt32, bytes: String) -> ImagePlacement {
        ImagePlacement(slot: .file, box: Rect(x: 4, y: 9, width: 20, height: 5),
                       key: PreviewRequestKey(path: FilePath("/a.png"), columns: 20, rows: 5),
                       pixels: PreviewPixels(graphics: graphics, id: id, bytes: Array(bytes.utf8)))
    }

    @Test func sixelGoesAtTheBoxTopLeftBetweenSaveAndRestore() {
        let sixel = "\u{1B}P0;1;0q\"1;1;200;100#0!200~-\u{1B}\\"
        #expect(Self.text(GraphicsOutput.place(Self.placement(.sixel, id: 3, bytes: sixel)))
                == "\u{1B}7\u{1B}[10;5H" + sixel + "\u{1B}8")
    }

    @Test func iterm2GoesAsItIs() {
        let inline = "\u{1B}]1337;File=inline=1;width=20;height=5;preserveAspectRatio=0:AAAA\u{07}"
        #expect(Self.text(GraphicsOutput.place(Self.placement(.iterm2, id: 3, bytes: inline)))
                == "\u{1B}7\u{1B}[10;5H" + inline + "\u{1B}8")
    }

    @Test func kittysFirstCommandGetsTheIDQuietAndAStillCursor() {
        let chafa = "\u{1B}_Ga=T,f=32,s=200,v=100,c=20,r=5,m=1\u{1B}\\\u{1B}_Gm=1;AAAA\u{1B}\\\u{1B}_Gm=0;\u{1B}\\"
        let expected = "\u{1B}7\u{1B}[10;5H"
            + "\u{1B}_Gi=42,p=1,q=2,C=1,a=T,f=32,s=200,v=100,c=20,r=5,m=1\u{1B}\\\u{1B}_Gm=1;AAAA\u{1B}\\\u{1B}_Gm=0;\u{1B}\\"
            + "\u{1B}8"
        #expect(Self.text(GraphicsOutput.place(Self.placement(.kitty, id: 42, bytes: chafa))) == expected)
    }

    @Test func kittyDeletionNamesTheImageAndThePlacement() {
        #expect(Self.text(GraphicsOutput.kittyDelete(KittyPlacement(image: 42, placement: 3))) == "\u{1B}_Ga=d,d=I,i=42,p=3,q=2\u{1B}\\")
        #expect(PreviewSlot.allCases.map(GraphicsOutput.placementID) == Array(1...UInt32(PreviewSlot.allCases.count)), "one placement id per slot")
        #expect(Self.text(GraphicsOutput.kittyDeleteAll) == "\u{1B}_Ga=d,d=A,q=2\u{1B}\\")
    }

    @Test func leavingTheScreenDeletesKittyPicturesAndWritesNothingForPixelsInCells() {
        let kitty = Self.placement(.kitty, id: 7, bytes: "\u{1B}_Ga=T,m=0;\u{1B}\\")
        let sixel = Self.placement(.sixel, id: 8, bytes: "\u{1B}P0;1;0q-\u{1B}\\")
        #expect(GraphicsOutput.leaving([sixel, kitty]) == GraphicsOutput.kittyDeleteAll)
        #expect(GraphicsOutput.leaving([sixel]).isEmpty, "sixel pixels leave with the alternate screen")
        #expect(GraphicsOutput.leaving([]).isEmpty)
    }
}
