import Dispatch
import Foundation
import Testing
@testable import ImagePreview

@Suite("Cache and loader", .timeLimit(.minutes(1)))
struct CacheAndLoaderTests {
    func key(_ name: String, modified: Int64 = 1, columns: Int = 10) -> PreviewKey {
        PreviewKey(path: Array(name.utf8), modified: modified, fileSize: 1, columns: columns, rows: 5, options: PreviewOptions())
    }

    func sampleImage(columns: Int = 2, rows: Int = 1) -> PreviewImage {
        PreviewImage(columns: columns, rows: rows,
                     cells: Array(repeating: PreviewCell(symbol: " ", foreground: .indexed(16), background: .indexed(16)), count: columns * rows),
                     source: PreviewSourceInfo(format: .png, width: 2, height: 2), colors: .indexed256, symbols: .half)
    }

    @Test func cacheIsBoundedAndEvictsTheLeastRecentlyUsed() {
        let cache = PreviewCache(capacity: 3)
        for name in ["a", "b", "c"] { cache.store(.success(sampleImage()), for: key(name)) }
        _ = cache.outcome(for: key("a"))  // a is now the most recent
        cache.store(.success(sampleImage()), for: key("d"))
        #expect(cache.count == 3)
        #expect(cache.outcome(for: key("b")) == nil)
        #expect(cache.outcome(for: key("a")) != nil)
        #expect(cache.outcome(for: key("d")) != nil)
    }

    @Test func cacheIsBoundedByCells() {
        let cache = PreviewCache(capacity: 100, maxCells: 25)
        for name in ["a", "b", "c"] { cache.store(.success(sampleImage(columns: 5, rows: 2)), for: key(name)) }
        #expect(cache.count == 2)
        #expect(cache.outcome(for: key("a")) == nil)
    }

    @Test func cacheKeysOnModificationTimeSizeAndOptionsButNeverStoresCancellations() {
        let cache = PreviewCache()
        cache.store(.success(sampleImage()), for: key("a", modified: 1))
        #expect(cache.outcome(for: key("a", modified: 2)) == nil)
        #expect(cache.outcome(for: key("a", columns: 11)) == nil)
        var other = key("a")
        other.options.colors = .truecolor
        #expect(cache.outcome(for: other) == nil)
        cache.store(.failure(.cancelled), for: key("z"))
        #expect(cache.outcome(for: key("z")) == nil)
        cache.store(.failure(.truncated(.png)), for: key("y"))
        #expect(cache.outcome(for: key("y")) == .failure(.truncated(.png)))
    }

    @Test func loaderMakesAPreviewAndThenServesItFromTheCache() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write(JPEGWriter.jpeg(.picture(320, 240)), named: "photo.jpg")
        let loader = PreviewLoader()
        let request = PreviewRequest(path: path, columns: 40, rows: 20)
        #expect(loader.cached(request) == nil)
        let first = try await loader.load(request).get()
        #expect((first.columns, first.rows) == (40, 15))
        #expect(first.source.summary.hasPrefix("JPEG 320×240, "))
        #expect(loader.cache.count == 1)
        #expect(try loader.cached(request)?.get() == first)
        #expect(try await loader.load(request).get() == first)
        #expect(loader.cache.count == 1)
    }

    @Test func aChangedFileIsPreviewedAgain() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write(PNGWriter.libpngRGBA(.solid(16, 16, 255, 0, 0)), named: "a.png")
        let loader = PreviewLoader()
        let request = PreviewRequest(path: path, columns: 4, rows: 2)
        let red = try await loader.load(request).get()
        _ = try folder.write(PNGWriter.libpngRGBA(.solid(16, 16, 0, 0, 255)), named: "a.png")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: path)
        let blue = try await loader.load(request).get()
        #expect(red != blue)
        #expect(loader.cache.count == 2)
    }

    @Test func fileProblemsAreOneLineFailures() async throws {
        let folder = try TemporaryFolder()
        let loader = PreviewLoader()
        let missing = await loader.load(PreviewRequest(path: folder.url.path + "/missing.png", columns: 10, rows: 5))
        #expect(throws: PreviewError.unreadable("No such file or directory")) { try missing.get() }
        let directory = await loader.load(PreviewRequest(path: folder.url.path, columns: 10, rows: 5))
        #expect(throws: PreviewError.notAFile) { try directory.get() }
        let text = try folder.write(Array("not an image".utf8), named: "notes.png")
        await #expect(throws: PreviewError.unsupportedFormat) { try await loader.load(PreviewRequest(path: text, columns: 10, rows: 5)).get() }
        let big = try folder.write([UInt8](repeating: 0, count: 2048), named: "big.png")
        var options = PreviewOptions()
        options.maxFileBytes = 1024
        await #expect(throws: PreviewError.fileTooLarge(bytes: 2048, limit: 1024)) {
            try await loader.load(PreviewRequest(path: big, columns: 10, rows: 5, options: options)).get()
        }
    }

    @Test func aFIFOIsRefusedWithoutWaitingForAWriter() throws {
        let folder = try TemporaryFolder()
        let path = folder.url.path + "/pipe.png"
        #expect(mkfifo(path, 0o600) == 0)
        #expect(throws: PreviewError.notAFile) { try Previewer.preview(path: path, columns: 10, rows: 5) }
    }

    /// Holds the loader's decode queue until released, so what is queued behind it is known.
    func blockDecodes(of loader: PreviewLoader) -> DispatchSemaphore {
        let gate = DispatchSemaphore(value: 0)
        loader.decodeQueueForTesting.async { gate.wait() }
        return gate
    }

    @Test func aNewLoadSupersedesThePreviousOne() async throws {
        let folder = try TemporaryFolder()
        let first = try folder.write(JPEGWriter.jpeg(.picture(200, 100)), named: "1.jpg")
        let second = try folder.write(JPEGWriter.jpeg(.picture(100, 200)), named: "2.jpg")
        let loader = PreviewLoader()
        let gate = blockDecodes(of: loader)
        let earlier = Task { await loader.load(PreviewRequest(path: first, columns: 20, rows: 10)) }
        try await waitUntil { loader.hasLoadInProgressForTesting }
        let later = Task { await loader.load(PreviewRequest(path: second, columns: 20, rows: 10)) }
        try await Task.sleep(for: .milliseconds(50))
        gate.signal()
        await #expect(throws: PreviewError.cancelled) { try await earlier.value.get() }
        let image = try await later.value.get()
        #expect((image.source.width, image.source.height) == (100, 200))
        #expect(loader.cache.count == 1, "the superseded preview was never made")
    }

    @Test func cancellingTheTaskCancelsTheLoad() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write(JPEGWriter.jpeg(.picture(200, 100)), named: "1.jpg")
        let loader = PreviewLoader()
        let gate = blockDecodes(of: loader)
        let task = Task { await loader.load(PreviewRequest(path: path, columns: 20, rows: 10)) }
        try await waitUntil { loader.hasLoadInProgressForTesting }
        task.cancel()
        gate.signal()
        await #expect(throws: PreviewError.cancelled) { try await task.value.get() }
        #expect(loader.cache.count == 0)
    }

    @Test func holdingTheArrowKeyDecodesOnlyWhereTheSelectionRests() async throws {
        let folder = try TemporaryFolder()
        var paths: [String] = []
        for i in 0..<12 {
            paths.append(try folder.write(JPEGWriter.jpeg(.picture(600 + i, 400), progressive: true), named: "\(i).jpg"))
        }
        let loader = PreviewLoader()
        var tasks: [Task<Result<PreviewImage, PreviewError>, Never>] = []
        for path in paths {
            tasks.append(Task { await loader.load(PreviewRequest(path: path, columns: 40, rows: 20)) })
            try await Task.sleep(for: .milliseconds(2))
        }
        var outcomes: [Result<PreviewImage, PreviewError>] = []
        for task in tasks { outcomes.append(await task.value) }
        #expect(try outcomes.last?.get().source.width == 611)
        for outcome in outcomes {
            switch outcome {
            case .success, .failure(.cancelled): break
            case .failure(let error): Issue.record("unexpected failure: \(error)")
            }
        }
    }

    func waitUntil(_ condition: () -> Bool) async throws {
        for _ in 0..<500 where !condition() { try await Task.sleep(for: .milliseconds(2)) }
        #expect(condition())
    }
}
