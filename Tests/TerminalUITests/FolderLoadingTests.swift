import Foundation
import IdeogramKit
import Testing
@testable import TerminalUI

/// Leaving a folder: only the latest listing is shown, and no key acts on the old entries
/// while the new folder is read.
@Suite struct FolderLoadingTests {
    static let pics = FilePath("/data/pics")
    static let photos = FilePath("/data/pics/photos")

    static func photosListing(request: Int) -> DirectoryListing {
        DirectoryListing(path: photos, entries: [FileEntry(name: Array("inside.png".utf8), kind: .file, size: 5)], request: request)
    }

    /// The fixture with the cursor on `photos/`, Enter pressed: the listing is on its way.
    static func enteringPhotos() -> (AppState, Int) {
        var s = Fixtures.state()
        s.files.cursor = 1
        #expect(s.files.selectedEntry?.displayName == "photos")
        let effects = update(&s, .key(.enter))
        guard case .listDirectory(let path, let request) = effects.first else {
            Issue.record("Enter on a folder lists it: \(effects)")
            return (s, 0)
        }
        #expect(path == photos)
        return (s, request)
    }

    @Test func keysDoNothingToTheOldEntriesWhileLoading() {
        let (start, _) = Self.enteringPhotos()
        #expect(start.files.isLoading)
        #expect(start.files.selectedEntry == nil)
        for key: Key in [.char(" "), .enter, .char("l"), .down, .end, .char("s"), .ctrl("s"), .char("O"), .char(".")] {
            var s = start
            let effects = update(&s, .key(key))
            #expect(s.files.marked.isEmpty, "\(key.label) marked an old entry")
            #expect(!effects.contains { if case .submit = $0 { true } else { false } }, "\(key.label) submitted an old entry")
            #expect(!effects.contains { if case .listDirectory(let path, _) = $0 { path != Self.photos.parent } else { false } },
                    "\(key.label) entered an old folder")
        }
    }

    @Test func aListingOfAFolderLeftSinceIsIgnored() {
        var (s, request) = Self.enteringPhotos()
        // The first folder's listing (an old request) arrives late.
        _ = update(&s, .directoryListed(DirectoryListing(path: Self.pics, entries: Fixtures.entries(), request: request - 1)))
        #expect(s.files.path == Self.photos)
        #expect(s.files.isLoading)
        #expect(s.files.entries.isEmpty)
        _ = update(&s, .directoryListed(Self.photosListing(request: request)))
        #expect(!s.files.isLoading)
        #expect(s.files.entries.map(\.displayName) == ["inside.png"])
    }

    @Test func onlyTheLatestRequestForTheSameFolderIsShown() {
        var (s, first) = Self.enteringPhotos()
        // Up and back in again before the first listing came: two requests for photos.
        _ = update(&s, .key(.backspace))
        _ = update(&s, .directoryListed(DirectoryListing(path: Self.pics, entries: Fixtures.entries(), request: first + 1)))
        s.files.cursor = s.files.visible.firstIndex { s.files.entries[$0].displayName == "photos" } ?? 0
        let effects = update(&s, .key(.enter))
        guard case .listDirectory(_, let latest) = effects.first else { Issue.record("no listing asked"); return }
        #expect(latest > first)
        _ = update(&s, .directoryListed(Self.photosListing(request: first)))
        #expect(s.files.isLoading, "an older listing of the same folder was taken")
        _ = update(&s, .directoryListed(Self.photosListing(request: latest)))
        #expect(!s.files.isLoading)
    }

    @Test func goingUpSelectsTheFolderWeCameFrom() {
        var (s, request) = Self.enteringPhotos()
        _ = update(&s, .directoryListed(Self.photosListing(request: request)))
        let effects = update(&s, .key(.backspace))
        guard case .listDirectory(let path, let up) = effects.first else { Issue.record("no listing asked"); return }
        #expect(path == Self.pics)
        _ = update(&s, .directoryListed(DirectoryListing(path: Self.pics, entries: Fixtures.entries(), request: up)))
        #expect(s.files.selectedEntry?.displayName == "photos")
    }

    @Test func pixelSizesForAFolderLeftAreNotKept() {
        var (s, _) = Self.enteringPhotos()
        _ = update(&s, .imageInspected(FilePath("/data/pics/beach.png"), .image(format: "PNG", width: 1, height: 1)))
        #expect(s.files.inspections.isEmpty)
    }
}
