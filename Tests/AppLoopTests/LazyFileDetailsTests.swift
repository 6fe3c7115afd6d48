#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import TerminalUI
@testable import AppLoop

/// Listing a real folder reads names and kinds from `readdir` only; `stat` runs for links
/// (where they lead) and later for the entries asked for.
@Suite struct LazyFileDetailsTests {
    @Test func listingStatsNothingButLinksAndDetailsComeWhenAsked() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tui-lazy-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/Sub", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = FileManager.default.createFile(atPath: root + "/b.png", contents: Data(count: 1234))
        _ = FileManager.default.createFile(atPath: root + "/A.jpg", contents: Data(count: 10))
        _ = FileManager.default.createFile(atPath: root + "/notes.txt", contents: Data(count: 3))
        symlink(root + "/Sub", root + "/to-sub")

        let listing = FileSystemEffects.listNow(FilePath(root)).entries
        #expect(listing.map(\.displayName) == ["Sub", "to-sub", "A.jpg", "b.png", "notes.txt"], "folders first, by name")
        #expect(listing.order == .name)
        #expect(listing.detailedCount == 1, "only the link was stat'ed")
        #expect(listing[1].kind == .symlinkToDirectory)
        #expect(!listing[3].hasDetails)

        var names = FileNameTable()
        names.append(Array("b.png".utf8))
        names.append(Array("gone".utf8))
        let answer = FileSystemEffects.detailsNow(FileDetailsRequest(folder: FilePath(root), listingRequest: 4,
                                                                     ids: [listing.id(at: 3), 99], names: names))
        #expect(answer.listingRequest == 4 && answer.ids == [listing.id(at: 3), 99])
        #expect(answer.details.first?.size == 1234)
        #expect(answer.details.first?.kind == .file)
        guard case .unreadable = answer.details.last?.kind else {
            Issue.record("a name gone since the listing is unreadable: \(String(describing: answer.details.last))")
            return
        }
    }
}
