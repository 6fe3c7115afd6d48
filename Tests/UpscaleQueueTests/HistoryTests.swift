import Foundation
import GRDB
import IdeogramKit
import Testing
@testable import UpscaleQueue

@Suite("The history file")
struct HistoryTests {
    @Test func aCorruptFileIsMovedAsideNotDeleted() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/history.sqlite"
        let garbage = Data(repeating: 0x5A, count: 8192)
        _ = FileManager.default.createFile(atPath: path, contents: garbage)

        let history = try History.open(at: path)
        let moved = try #require(history.movedAside)
        #expect(moved.originalPath == path)
        #expect(moved.movedTo.hasPrefix(path + ".corrupt-"))
        #expect(FileManager.default.contents(atPath: moved.movedTo) == garbage)
        #expect(moved.description.contains("moved to"))
        #expect(try history.recentJobs().isEmpty, "a fresh history works")
        #expect(try History.open(at: path).movedAside == nil)
    }

    /// The UI opens on the newest few hundred jobs and loads the next page as the user scrolls.
    @Test func recentJobsComeNewestFirstInPages() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let history = try History.open(at: folder.path + "/history.sqlite")
        for index in 0..<7 {
            _ = try history.insert(Job(id: .make(), sourcePath: "/p\(index).png", imageDigest: "d", request: UpscaleRequest(),
                                       endpoint: testEndpoint, outputDirectory: "/tmp", submittedAt: Date()), owner: "s")
        }
        let first = try history.recentJobs(limit: 3)
        #expect(first.map(\.sourcePath) == ["/p6.png", "/p5.png", "/p4.png"])
        let second = try history.recentJobs(limit: 3, olderThan: first.last!.sequence)
        #expect(second.map(\.sourcePath) == ["/p3.png", "/p2.png", "/p1.png"])
        let last = try history.recentJobs(limit: 3, olderThan: second.last!.sequence)
        #expect(last.map(\.sourcePath) == ["/p0.png"])
    }

    @Test func aDamagedPageFoundLaterIsCheckedAndMovedAsideAtTheNextStart() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/history.sqlite"
        var jobRoot: Int64 = 0
        do {
            let history = try History.open(at: path)
            for index in 0..<40 {
                _ = try history.insert(Job(id: .make(), sourcePath: "/picture\(index).png", imageDigest: "d", request: UpscaleRequest(),
                                           endpoint: testEndpoint, outputDirectory: "/tmp", submittedAt: Date()), owner: "s")
            }
            jobRoot = try history.database.read { try Int64.fetchOne($0, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'job'") } ?? 0
            try history.database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        }
        // Damage the job table's root page only: the schema and the migrations still read.
        let file = try #require(FileHandle(forUpdatingAtPath: path))
        try file.seek(toOffset: UInt64(jobRoot - 1) * 4096)
        try file.write(contentsOf: Data(repeating: 0xA5, count: 4096))
        try file.close()

        let damaged = try History.open(at: path)
        #expect(damaged.movedAside == nil, "opening does not read every page")
        #expect(throws: HistoryError.self) { try damaged.recentJobs(limit: 100) }
        do {
            _ = try damaged.recentJobs(limit: 100)
        } catch {
            #expect(error.description.contains("damaged"), "\(error.description)")
        }
        #expect(FileManager.default.fileExists(atPath: HistoryFile.damageMarker(for: path)))

        let next = try History.open(at: path)
        let moved = try #require(next.movedAside, "the next start checks the whole file")
        #expect(FileManager.default.fileExists(atPath: moved.movedTo))
        #expect(try next.recentJobs().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: HistoryFile.damageMarker(for: path)))
    }

    @Test func timesAreStoredAsMillisecondsAndReadBackToTheMillisecond() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let history = try History.open(at: folder.path + "/history.sqlite")
        let submitted = Date(timeIntervalSince1970: 1_796_068_747.123_9)
        let job = try history.insert(Job(id: .make(), sourcePath: "/x.png", imageDigest: "d", request: UpscaleRequest(),
                                         endpoint: testEndpoint, outputDirectory: "/tmp", submittedAt: submitted), owner: "s")
        let stored = try history.database.read { try Int64.fetchOne($0, sql: "SELECT submitted_at FROM job WHERE id = ?", arguments: [job.id.rawValue]) }
        #expect(stored == 1_796_068_747_123)
        let read = try #require(try history.job(job.id))
        #expect(abs(read.submittedAt.timeIntervalSince1970 - 1_796_068_747.123) < 0.000_5)
        let transitionTime = try history.database.read { try Int64.fetchOne($0, sql: "SELECT at FROM \"transition\" WHERE job_id = ?", arguments: [job.id.rawValue]) }
        #expect(transitionTime == 1_796_068_747_123)
        #expect(HistoryTime.milliseconds(Date(timeIntervalSince1970: -0.5)) == -500)
    }

    /// A history written before times were numbers (GRDB's text dates) is converted when opened.
    @Test func textTimesOfAnOlderHistoryBecomeMilliseconds() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/history.sqlite"
        do {
            let old = try DatabaseQueue(path: path)
            try HistorySchema.migrator.migrate(old, upTo: "v1")
            try old.write { db in
                try db.execute(sql: """
                    INSERT INTO job (id, source_path, image_digest, request_json, endpoint_json, output_dir, state,
                        attempts, submitted_at, updated_at, sent_at)
                    VALUES ('j1', '/x.png', 'd', '{}', ?, '/tmp', 'done', 1, '2026-11-30 19:59:07.123', '2026-11-30 19:59:08', NULL)
                    """, arguments: [StoredJSON.encode(testEndpoint)])
                try db.execute(sql: "INSERT INTO \"transition\" (job_id, state, at) VALUES ('j1', 'done', '1969-12-31 23:59:59.500')")
            }
        }
        let history = try History.open(at: path)
        let times = try history.database.read { db in
            try Row.fetchOne(db, sql: "SELECT submitted_at, updated_at, sent_at, typeof(submitted_at) AS kind FROM job WHERE id = 'j1'")
        }
        let row = try #require(times)
        #expect(row["kind"] as String == "integer")
        #expect(row["submitted_at"] as Int64 == 1_796_068_747_123)
        #expect(row["updated_at"] as Int64 == 1_796_068_748_000)
        #expect(row["sent_at"] as Int64? == nil)
        let at = try history.database.read { try Int64.fetchOne($0, sql: "SELECT at FROM \"transition\" WHERE job_id = 'j1'") }
        #expect(at == -500)
    }

    @Test func anUnreadableFileIsMovedAside() throws {
        guard getuid() != 0 else { return }  // root reads anything: nothing to test
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/history.sqlite"
        _ = try History.open(at: path)
        chmod(path, 0)
        let history = try History.open(at: path)
        #expect(history.movedAside?.reason.contains("cannot be read") == true)
    }

    @Test func aLockedHistoryIsReportedBusy() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/history.sqlite"
        let holder = try History.open(at: path)
        // Another connection sits inside an exclusive transaction, as a busy process would.
        let entered = DispatchSemaphore(value: 0)
        let leave = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? holder.database.inTransaction(.exclusive) { _ in
                entered.signal()
                leave.wait()
                return .rollback
            }
        }
        entered.wait()
        defer { leave.signal() }
        let other = try History.open(at: path, busyTimeout: .milliseconds(50))
        let job = Job(id: .make(), sourcePath: "/x.png", imageDigest: "d", request: UpscaleRequest(), endpoint: testEndpoint,
                      outputDirectory: "/tmp", submittedAt: Date())
        #expect(throws: HistoryError.busy(path: path)) { try other.insert(job, owner: "s") }
        #expect(HistoryError.busy(path: path).description.contains("history is busy"))
        #expect(try other.recentJobs().isEmpty, "WAL readers are not blocked")
    }

    @Test func onlyTheCommitBeforeSendingWaitsForTheDisk() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let history = try History.open(at: folder.path + "/history.sqlite")
        let synchronous = { try history.database.read { try Int.fetchOne($0, sql: "PRAGMA synchronous") } }
        #expect(try synchronous() == 1, "NORMAL: survives a crash of the process, fsyncs only at checkpoints")
        var job = try history.insert(Job(id: .make(), sourcePath: "/x.png", imageDigest: "d", request: UpscaleRequest(),
                                         endpoint: testEndpoint, outputDirectory: "/tmp", submittedAt: Date()), owner: "s")
        job.state = .uploading
        try history.saveBeforeSending([job], owner: "s")
        #expect(try history.job(job.id)?.state == .uploading)
        #expect(try synchronous() == 1, "back to NORMAL after the durable commit")
    }

    @Test func theHistoryIsInWALModeKeepsItsWALAndOpeningItWritesNothing() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/history.sqlite"
        let journalMode = { (history: History) in try history.database.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } }
        let walSize = { (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? nil }
        let job = Job(id: .make(), sourcePath: "/x.png", imageDigest: "d", request: UpscaleRequest(), endpoint: testEndpoint,
                      outputDirectory: "/tmp", submittedAt: Date())
        do {
            let history = try History.open(at: path)
            #expect(try journalMode(history) == "wal")
            _ = try history.insert(job, owner: "s")
        }
        // Closed without a checkpoint: the job is in the WAL, which the next open reads back.
        let kept = try #require(walSize())
        #expect(kept > 0)
        let again = try History.open(at: path)
        #expect(try journalMode(again) == "wal")
        #expect(try again.job(job.id)?.sourcePath == "/x.png")
        #expect(walSize() == kept, "opening an existing history and reading it wrote nothing (no fsync before the first job)")
    }

    @Test func recentJobsListsNewestFirstWithTheirResults() async throws {
        let f = try await QueueFixture.make()
        let a = try await f.submit("a.png", request: UpscaleRequest(seed: 1))
        let b = try await f.submit("b.png", request: UpscaleRequest(seed: 2), salt: 1)
        let c = try await f.submit("c.png", request: UpscaleRequest(seed: 3), salt: 2)
        await f.queue.waitUntilIdle()
        let listed = try f.history.recentJobs(limit: 2)
        #expect(listed.map(\.id) == [c.id, b.id])
        #expect(listed[0].results.first?.seed == 3)
        #expect(listed[0].results.first?.resolution == "128x96")
        #expect(listed[0].results.first?.url?.hasPrefix("https://results.test/") == true)
        if case .saved(let file) = listed[0].results.first?.outcome {
            #expect(file.path.hasSuffix("c-upscaled-3.png"))
        } else {
            Issue.record("no local file listed")
        }
        #expect(try f.history.recentJobs(limit: 10).map(\.id) == [c.id, b.id, a.id])
        await f.finish()
    }

    @Test func twoQueuesShareOneHistoryWithoutTouchingEachOthersJobs() async throws {
        let folder = TemporaryFolder()
        let first = try await QueueFixture.make(folder: folder)
        await first.service.script("mine.png", .hold(sent: true, then: .succeed()))
        let mine = try await first.submit("mine.png")
        #expect(await first.waitFor(mine.id, .waitingForAnswer))

        // A second process (its own connection, its own session) opens the same file.
        let second = try await QueueFixture.make(folder: folder)
        #expect(second.queue.recovery.isEmpty, "a live queue's jobs are not taken over")
        #expect(try second.history.job(mine.id)?.state == .waitingForAnswer)

        let jobs = try await withThrowingTaskGroup(of: Job.self) { group in
            for index in 0..<6 {
                let fixture = index.isMultiple(of: 2) ? first : second
                group.addTask { try await fixture.submit("shared\(index).png", salt: UInt8(index + 1)) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        await first.service.release("mine.png")
        await first.queue.waitUntilIdle()
        await second.queue.waitUntilIdle()
        let listed = try first.history.recentJobs(limit: 20)
        #expect(listed.count == 7)
        #expect(listed.allSatisfy { $0.state == .done })
        #expect(Set(listed.map(\.id)) == Set(jobs.map(\.id) + [mine.id]))
        await first.queue.close()
        await second.finish()
        first.log.stop()
    }
}

@Suite("Deduplication")
struct DeduplicationTests {
    @Test func aFixedSeedThatSucceededIsNotSentAgainWithoutForce() async throws {
        let f = try await QueueFixture.make()
        let request = UpscaleRequest(prompt: "beach", seed: 12345)
        let first = try await f.submit("a.png", request: request)
        #expect(await f.waitFor(first.id, .done))

        do {
            _ = try await f.submit("a.png", request: request)
            Issue.record("the duplicate was accepted")
        } catch let error as SubmitError {
            guard case .duplicate(let earlier) = error else { Issue.record("wrong error \(error)"); return }
            #expect(earlier.id == first.id)
            #expect(earlier.results == (await f.queue.job(first.id))?.results, "the earlier result is shown")
        }
        let forced = try await f.submit("a.png", request: request, force: true)
        #expect(await f.waitFor(forced.id, .done))
        #expect(await f.service.calls.count == 2)
        await f.finish()
    }

    @Test func onlyTheSameBytesRequestAndFixedSeedCount() async throws {
        let f = try await QueueFixture.make()
        let fixed = UpscaleRequest(seed: 1)
        let a = try await f.submit("a.png", request: fixed)
        #expect(await f.waitFor(a.id, .done))
        _ = try await f.submit("a.png", request: UpscaleRequest(detail: 60, seed: 1))  // another request
        _ = try await f.submit("other.png", request: fixed, salt: 9)                  // other bytes
        let random = UpscaleRequest()
        _ = try await f.submit("r.png", request: random)
        _ = try await f.submit("r.png", request: random)                              // a random seed gives a new image
        await f.queue.waitUntilIdle()
        #expect(await f.service.calls.count == 5)
        await f.finish()
    }

    @Test func aDuplicateStillOnItsWayIsCaughtToo() async throws {
        let f = try await QueueFixture.make()
        await f.service.script("a.png", .hold(sent: true, then: .succeed()))
        let a = try await f.submit("a.png", request: UpscaleRequest(seed: 4))
        await #expect(throws: SubmitError.self) { try await f.submit("a.png", request: UpscaleRequest(seed: 4)) }
        await f.service.release("a.png")
        #expect(await f.waitFor(a.id, .done))
        await f.finish()
    }
}
