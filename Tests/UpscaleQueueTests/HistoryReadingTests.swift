import Foundation
import GRDB
import IdeogramClient
import IdeogramKit
import Testing
@testable import UpscaleQueue

/// The records read their columns by position (`HistoryRecordReading.swift`), not by name.
@Suite("Reading the history's records")
struct HistoryReadingTests {
    @Test func everyColumnOfEveryTableIsReadOnce() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let history = try History.open(at: folder.path + "/history.sqlite")
        let tables = try history.database.read { db in
            try ["job", "result", "transition"].map { try db.columns(in: $0).map(\.name) }
        }
        let read = [JobRecord.columnNames, ResultRecord.columnNames, TransitionRecord.columnNames]
        for (columns, names) in zip(tables, read) {
            #expect(names.sorted() == columns.sorted(), "a column added by a migration must be read too")
        }
    }

    /// Every column written comes back in its field: a v2 job with its generation, quote and
    /// bill, a failure, the answer, and a result of each outcome.
    @Test func aJobWithEveryColumnSetReadsBackEqual() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let history = try History.open(at: folder.path + "/history.sqlite")
        // Times a quarter of a second apart: exact in binary and in milliseconds.
        let start = Date(timeIntervalSince1970: 1_796_068_747.25)
        let request = UpscaleRequest(prompt: "sharp \"edges\"", resemblance: 61, detail: 72, magicPromptOption: .on,
                                     magicPromptVersion: "V_0_1", numImages: 4, seed: 99)
        var job = Job(id: .make(), sourcePath: "/pictures/é \u{2028}.png", imageDigest: "abc123", request: request,
                      endpoint: testEndpoint, outputDirectory: "/out", submittedAt: start)
        job = try history.insert(job, owner: "session-1")
        job.generation = GenerationJob(request: try V2Request(model: .topazStandard2, values: [.upscaleFactor: .choice("x2")]),
                                       generationID: "gen-7", quote: PriceQuote(usdMicros: 185, qualifier: .estimate, upperBoundUSDMicros: 240),
                                       billedUSDMicros: 180)
        job.state = .failed(.serverError(status: 503, message: "busy"))
        job.updatedAt = start.addingTimeInterval(2.5)
        job.sentAt = start.addingTimeInterval(0.25)
        job.answeredAt = start.addingTimeInterval(1.75)
        job.attempts = 3
        job.answer = UpscaleResult(created: "2026-12-06T00:00:00Z", images: [
            UpscaledImage(seed: 99, prompt: "p", resolution: "128x96", url: "https://results.test/0.png", isImageSafe: true),
        ])
        job.results = [
            JobResult(index: 0, seed: 99, resolution: "128x96", prompt: "p", url: "https://results.test/0.png",
                      outcome: .saved(DownloadedFile(path: "/out/a.png", sidecarPath: "/out/a.png.json", bytes: 4096, format: .png))),
            JobResult(index: 1, seed: 99, resolution: "128x96", prompt: "p", url: nil, outcome: .withheld),
            JobResult(index: 2, seed: 99, resolution: "128x96", prompt: "p", url: "u2", outcome: .pending),
            JobResult(index: 3, seed: 99, resolution: "128x96", prompt: "p", url: "u3", outcome: .expired(status: 403)),
            JobResult(index: 4, seed: 99, resolution: "128x96", prompt: "p", url: "u4", outcome: .downloadFailed(message: "reset")),
        ]
        try history.save(job, owner: "session-1", logTransition: true)
        // The v2 columns other than the generation id and bill are written when the job is inserted or quoted.
        try history.database.write { db in
            try db.execute(sql: "UPDATE job SET v2_model = ?, v2_request_json = ? WHERE id = ?",
                           arguments: [job.generation?.request.model.rawValue, StoredJSON.encode(job.generation?.request),
                                       job.id.rawValue])
        }
        try history.saveQuote(job)

        #expect(try history.job(job.id) == job)
        #expect(try history.recentJobs(limit: 1) == [job])
        let transitions = try history.transitions(of: job.id)
        #expect(transitions.map(\.state) == [.queued, .failed])
        #expect(transitions.last?.at == job.updatedAt && transitions.last?.detail?.contains("503") == true)
    }

    @Test func aStoredValueThatDoesNotDecodeIsAnErrorNamingIt() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let history = try History.open(at: folder.path + "/history.sqlite")
        for index in 0..<3 {
            _ = try history.insert(Job(id: .make(), sourcePath: "/x\(index).png", imageDigest: "d", request: UpscaleRequest(),
                                       endpoint: testEndpoint, outputDirectory: "/tmp", submittedAt: Date()), owner: "s")
        }
        try history.database.write { db in try db.execute(sql: "UPDATE job SET request_json = '{\"detail\": \"high\"}' WHERE seq = 2") }
        #expect(try history.recentJobs(limit: 1).count == 1, "the rows read before it are fine")
        do {
            _ = try history.recentJobs()
            Issue.record("read a request that does not decode")
        } catch {
            #expect(error.description.contains("stored request does not decode"), "\(error.description)")
        }
    }
}
