import Foundation
import IdeogramKit
import Testing
@testable import HeadlessCommands
@testable import UpscaleQueue

/// `history` reads and writes a page of jobs at a time; the pages make the same listing as one read.
@Suite struct HistoryListingTests {
    private let home = NSTemporaryDirectory() + "history-listing-\(UUID().uuidString.prefix(8))"
    private var path: String { home + "/history.sqlite" }

    private func makeHistory(jobs: Int) throws -> [Job] {
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let history = try History.open(at: path)
        return try (0..<jobs).map { index in
            try history.insert(Job(id: .make(), sourcePath: "/pictures/\(index).png", imageDigest: "d", request: UpscaleRequest(seed: index),
                                   endpoint: Fixtures.endpoint, outputDirectory: "/out", submittedAt: Fixtures.submitted), owner: "s")
        }
    }

    private func listing(limit: Int, pageSize: Int) -> (status: HeadlessCommands.ExitStatus, out: String, err: String) {
        var listing = HistoryListing()
        listing.json = true
        listing.historyPath = path
        listing.limit = limit
        listing.pageSize = pageSize
        let captured = CapturedOutput()
        let status = listing.run(environment: ["HOME": home, "XDG_CONFIG_HOME": home], output: captured.console)
        return (status, captured.out, captured.err)
    }

    @Test func pagesListTheNewestFirstUpToTheLimit() throws {
        defer { try? FileManager.default.removeItem(atPath: home) }
        let jobs = try makeHistory(jobs: 7)
        let whole = listing(limit: 50, pageSize: 100)
        #expect(whole.status == HeadlessCommands.ExitStatus.success && whole.err.isEmpty, "\(whole.err)")
        let lines = whole.out.split(separator: "\n").map(String.init)
        #expect(lines == jobs.reversed().map { JobReport($0, legacyPriceUSDMicros: QueueConfiguration.defaultLegacyPriceUSDMicros).jsonLine() })

        for pageSize in [1, 2, 3, 7] {
            #expect(listing(limit: 50, pageSize: pageSize).out == whole.out, "pages of \(pageSize)")
        }
        #expect(listing(limit: 5, pageSize: 3).out == lines.prefix(5).map { $0 + "\n" }.joined())
        #expect(listing(limit: 6, pageSize: 3).out == lines.prefix(6).map { $0 + "\n" }.joined())
        #expect(listing(limit: 0, pageSize: 3).out.isEmpty)
    }

    @Test func anEmptyHistoryListsNothing() throws {
        defer { try? FileManager.default.removeItem(atPath: home) }
        _ = try makeHistory(jobs: 0)
        let empty = listing(limit: 50, pageSize: 3)
        #expect(empty.status == HeadlessCommands.ExitStatus.success && empty.out.isEmpty && empty.err.isEmpty)
    }
}
