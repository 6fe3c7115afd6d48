import Foundation
import IdeogramKit
import Testing
@testable import TerminalUI

/// The compact listing: names in one buffer, a byte per entry, details only where `stat` ran;
/// a folder shown by name asks `stat` only for the rows drawn, and a sort by time or size
/// says it is sorting while every entry's details are read.
@Suite struct CompactListingTests {
    static let folder = FilePath("/data/big")

    /// As `readdir` gives a folder: names and kinds, no sizes or times.
    static func readdirListing(count: Int) -> FolderListing {
        var listing = FolderListing()
        listing.append(name: Array("albums".utf8), kind: .directory)
        for i in 0..<count { listing.append(name: Array(String(format: "img-%05d.png", i).utf8), kind: .file) }
        listing.append(name: Array("README".utf8), kind: .file)
        return listing.sorted(by: .name)
    }

    static func loaded(count: Int) -> (AppState, [Effect]) {
        var state = Fixtures.state(size: Size(columns: 100, rows: 30), withJobs: false)
        let request = state.files.beginLoading(folder)
        let effects = update(&state, .directoryListed(DirectoryListing(path: folder, entries: readdirListing(count: count), request: request)))
        return (state, effects)
    }

    static func detailRequests(_ effects: [Effect]) -> [FileDetailsRequest] {
        effects.compactMap { if case .readFileDetails(let request) = $0 { request } else { nil } }
    }

    /// What `stat` would say: sizes and times that order the images backwards from their names.
    static func answer(_ request: FileDetailsRequest) -> FileDetailsAnswer {
        let details = (0..<request.names.count).map { index in
            let name = request.names[index]
            let number = Int64(String(decoding: name.filter { $0 >= 0x30 && $0 <= 0x39 }, as: UTF8.self)) ?? 0
            return FileDetails(kind: name == Array("albums".utf8) ? .directory : .file, size: 1000 - number, modified: 5000 - number)
        }
        return FileDetailsAnswer(folder: request.folder, listingRequest: request.listingRequest, ids: request.ids, details: details)
    }

    @Test func keepsNamesInOneTableAndDetailsOnlyWhereRead() {
        var listing = Self.readdirListing(count: 3)
        #expect(listing.map(\.displayName) == ["albums", "img-00000.png", "img-00001.png", "img-00002.png", "README"])
        #expect(listing.names.count == 5)
        #expect(listing.detailedCount == 0)
        #expect(listing[1].kind == .file && listing[1].looksLikeImage && !listing[1].hasDetails)
        listing.record(FileDetails(kind: .file, size: 42, modified: 7), id: listing.id(at: 1))
        #expect(listing[1].hasDetails && listing[1].size == 42 && listing[1].modified == 7)
        #expect(!listing[2].hasDetails)
        // The details follow their entry through a new order.
        let named = listing[1].name
        let bySize = listing.sorted(by: .size)
        #expect(bySize.first { $0.name == named }?.size == 42)
    }

    @Test func sortsFoldersFirstThenImagesWithCaseFoldedNames() {
        var listing = FolderListing()
        for (name, kind) in [("b.PNG", FileKind.file), ("Zoo", .directory), ("a.txt", .file), ("A.png", .file),
                             ("link", .symlinkToDirectory), (".hidden.jpg", .file)] {
            listing.append(name: Array(name.utf8), kind: kind)
        }
        #expect(listing.sorted(by: .name).map(\.displayName) == ["link", "Zoo", ".hidden.jpg", "A.png", "b.PNG", "a.txt"])
    }

    @Test func aNameSortStatsOnlyTheRowsDrawn() {
        let (state, effects) = Self.loaded(count: 5000)
        let height = Layout(size: state.size).filesList.height
        let requests = Self.detailRequests(effects)
        #expect(requests.count == 1, "one request for the rows on screen: \(effects)")
        #expect(requests.first?.ids.count == height)
        #expect(state.files.sortOrder == .name && !state.files.isSorting)
        #expect(state.files.entries.detailedCount == 0)
        #expect(state.files.selectedEntry?.displayName == "albums")
    }

    @Test func scrollingAsksForTheNewRowsOnlyOnce() {
        var (state, effects) = Self.loaded(count: 5000)
        let first = Set(Self.detailRequests(effects).flatMap(\.ids))
        let more = Self.detailRequests(update(&state, .key(.pageDown)) + update(&state, .key(.pageDown)))
        let asked = more.flatMap(\.ids)
        #expect(!asked.isEmpty)
        #expect(Set(asked).isDisjoint(with: first), "rows already asked for are not asked again")
        #expect(Set(asked).count == asked.count)
        var back = state
        _ = update(&back, .key(.home))
        #expect(Self.detailRequests(update(&back, .key(.down))).isEmpty)
    }

    @Test func sizesAppearWhenTheirDetailsArrive() throws {
        var (state, effects) = Self.loaded(count: 50)
        let row = { (state: AppState) in render(state, size: state.size).lines.first { $0.contains("img-00003.png") } ?? "" }
        #expect(!row(state).contains(" B"), "no size before stat: \(row(state))")
        let request = try #require(Self.detailRequests(effects).first)
        _ = update(&state, .fileDetailsRead(Self.answer(request)))
        #expect(row(state).contains("997 B"), "\(row(state))")
    }

    @Test func sortingByTimeSaysSoUntilEveryEntryIsRead() throws {
        var (state, effects) = Self.loaded(count: 500)
        let drawn = try #require(Self.detailRequests(effects).first)
        _ = update(&state, .key(.down))
        let selected = state.files.selectedEntry?.name
        let sortEffects = update(&state, .key(.char("O")))
        #expect(state.files.sortOrder == .modified)
        #expect(state.files.isSorting)
        #expect(state.message?.text == "sorting by modified…")
        #expect(render(state, size: state.size).lines.contains { $0.contains("sorting by modified…") })
        let rest = try #require(Self.detailRequests(sortEffects).first)
        #expect(Set(rest.ids).isDisjoint(with: drawn.ids), "rows already asked for are not asked twice")
        #expect(rest.ids.count + drawn.ids.count == state.files.entries.count)
        // An answer for another listing is dropped.
        var stale = Self.answer(rest)
        stale.listingRequest -= 1
        _ = update(&state, .fileDetailsRead(stale))
        #expect(state.files.isSorting && state.files.entries.detailedCount == 0)

        _ = update(&state, .fileDetailsRead(Self.answer(drawn)))
        #expect(state.files.isSorting, "still waiting for the rest")
        _ = update(&state, .fileDetailsRead(Self.answer(rest)))
        #expect(!state.files.isSorting)
        #expect(state.message?.text == "sorted by modified")
        let images = state.files.entries.filter(\.looksLikeImage).map(\.modified)
        #expect(images == images.sorted(by: >), "newest first")
        #expect(state.files.entries.first?.displayName == "albums", "folders still first")
        #expect(state.files.selectedEntry?.name == selected, "the cursor stays on its entry")
        #expect(render(state, size: state.size).lines.contains { $0.contains("sort: modified") })
    }

    @Test func backToNameSortNeedsNoDetails() {
        var (state, _) = Self.loaded(count: 200)
        _ = update(&state, .key(.char("O")))
        _ = update(&state, .key(.char("O")))
        let effects = update(&state, .key(.char("O")))
        #expect(state.files.sortOrder == .name && !state.files.isSorting)
        #expect(Self.detailRequests(effects).isEmpty)
        #expect(state.files.entries.map(\.displayName) == Self.readdirListing(count: 200).map(\.displayName))
    }

    @Test func filterHiddenAndMarksWorkOnTheCompactListing() {
        var listing = FolderListing()
        for name in ["Beach.png", ".secret.png", "beacon.txt", "forest.jpg"] { listing.append(name: Array(name.utf8), kind: .file) }
        var state = Fixtures.state(size: Size(columns: 100, rows: 30), withJobs: false)
        let request = state.files.beginLoading(Self.folder)
        _ = update(&state, .directoryListed(DirectoryListing(path: Self.folder, entries: listing.sorted(by: .name), request: request)))
        #expect(state.files.visible.count == 3)
        state.files.setFilter("BEAC")
        #expect(state.files.visible.map { state.files.entries[$0].displayName } == ["Beach.png", "beacon.txt"])
        _ = update(&state, .key(.char(" ")))
        #expect(state.files.marked == [FilePath("/data/big/Beach.png")])
        state.files.setFilter("")
        state.files.showHidden = true
        state.files.refilter()
        #expect(state.files.visible.count == 4)
    }
}
