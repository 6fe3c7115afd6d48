import Testing
@testable import TerminalUI

/// A GIF or TIFF is named as what it is and cannot be marked for sending.
@Suite struct UnsupportedImageTests {
    @Test func aGIFIsRefusedForMarkingAndSaysWhatItIs() {
        var s = Fixtures.unsupportedImagesState(size: Size(columns: 80, rows: 24))
        #expect(s.files.selectedEntry?.displayName == "anim.gif", "a refused mark leaves the cursor on the file")
        #expect(s.files.marked.isEmpty)
        #expect(s.message == StatusMessage("anim.gif is a GIF: the API takes PNG, JPEG or WEBP", isError: true))
        // A TIFF named .png too: its header has the last word.
        s.files.cursor = s.files.visible.firstIndex { s.files.entries[$0].displayName == "scan.png" } ?? 0
        _ = update(&s, .key(.char(" ")))
        #expect(s.files.marked.isEmpty)
        #expect(s.message?.text == "scan.png is a TIFF: the API takes PNG, JPEG or WEBP")
        #expect(s.previews[.file].request == nil, "no picture is made of it")
    }

    @Test func aGIFNameIsInspectedThoughItIsNotAnImageTheAPITakes() {
        let gif = FileEntry(name: Array("anim.GIF".utf8), kind: .file)
        #expect(gif.looksLikeOtherImage && !gif.looksLikeImage)
        #expect(!FileEntry(name: Array("notes.txt".utf8), kind: .file).looksLikeOtherImage)
        #expect(!FileEntry(name: Array("photo.png".utf8), kind: .file).looksLikeOtherImage)
        var s = Fixtures.state()
        let listing = DirectoryListing(path: FilePath("/data/pics"), entries: [gif], request: s.files.listingRequest)
        #expect(update(&s, .directoryListed(listing)).contains(.inspectImages([FilePath("/data/pics/anim.GIF")])))
    }
}
