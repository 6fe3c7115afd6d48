import Foundation
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
