import Foundation
import Testing
@testable import ImagePreview

/// The loupe's pan steps crop the full-size pixels a loader keeps, instead of decoding the file
/// again; a changed file is decoded again; what is kept is bounded and let go.
@Suite("Loupe's kept pixels", .timeLimit(.minutes(1)))
struct LoupeKeptPixelsTests {
    /// A solid 64×64 PNG with stored (uncompressed) blocks: every colour makes a file of the same size.
    static func solid(_ rgb: [Int]) -> [UInt8] {
        PNGWriter.png(width: 64, height: 64, colorType: .rgb) { _, _ in rgb }
    }

    static let red = solid([255, 0, 0]), blue = solid([0, 0, 255])

    static func regionRequest(_ path: String, x: Int, y: Int = 0, width: Int = 16) -> PreviewRequest {
        PreviewRequest(path: path, columns: 8, rows: 4,
                       options: PreviewOptions(colors: .truecolor, region: ImageRegion(x: x, y: y, width: width, height: 16)))
    }

    static func colors(_ image: PreviewImage) -> Set<PreviewColor> {
        Set(image.cells.flatMap { [halves($0).top, halves($0).bottom] })
    }

    /// Overwrites the file and puts its modification time back to the nanosecond: the same
    /// identity (path, time, size) with other pixels, which only a decode would see.
    static func replaceKeepingIdentity(_ path: String, with bytes: [UInt8]) throws {
        var before = stat()
        #expect(stat(path, &before) == 0)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        let stamp = try FileBytes.stamp(path: Array(path.utf8)).get()
        #expect(stamp.modified == FileBytes.modified(before) && stamp.size == Int64(before.st_size))
    }

    @Test func aPanStepCropsTheKeptPixelsWithoutDecodingTheFileAgain() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write(Self.red, named: "result.png")
        let loader = PreviewLoader()
        let first = try await loader.load(Self.regionRequest(path, x: 0)).get()
        #expect(Self.colors(first) == [.rgb(255, 0, 0)])
        #expect(loader.decodedImages.count == 1)
        try Self.replaceKeepingIdentity(path, with: Self.blue)
        // Another region, so the finished-picture cache cannot answer: the picture comes from the
        // pixels kept at the first step (a decode would read the blue file).
        let step = Self.regionRequest(path, x: 16)
        let panned = try await loader.load(step).get()
        #expect(Self.colors(panned) == [.rgb(255, 0, 0)])
        #expect(panned == (try Previewer.preview(data: Self.red, columns: 8, rows: 4, options: step.options)),
                "the same picture a fresh decode makes")
    }

    @Test func aChangedFileIsDecodedAgain() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write(Self.red, named: "result.png")
        let loader = PreviewLoader()
        _ = try await loader.load(Self.regionRequest(path, x: 0)).get()
        _ = try folder.write(Self.blue, named: "result.png")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: path)
        let panned = try await loader.load(Self.regionRequest(path, x: 16)).get()
        #expect(Self.colors(panned) == [.rgb(0, 0, 255)])
        #expect(loader.decodedImages.count == 1, "the old file's pixels went when the new ones came")
    }

    @Test func theKeptPixelsGoWhenTheLoupeIsBackAtFitOrTheAreaMovesToAnotherFile() async throws {
        let folder = try TemporaryFolder()
        let first = try folder.write(Self.red, named: "first.png")
        let second = try folder.write(Self.blue, named: "second.png")
        let loader = PreviewLoader()
        let fit = PreviewRequest(path: second, columns: 8, rows: 4)
        _ = try await loader.load(fit).get()
        _ = try await loader.load(Self.regionRequest(first, x: 0)).get()
        #expect(loader.decodedImages.count == 1 && loader.decodedImages.byteCount == 64 * 64 * 3)
        _ = try await loader.load(Self.regionRequest(second, x: 0)).get()
        #expect(loader.decodedImages.count == 1, "the selection moved: only the second file is kept")
        // Back at fit: the picture comes from the finished-picture cache, and the pixels go with it.
        #expect(loader.cached(fit) != nil)
        #expect(loader.decodedImages.count == 0)
    }

    @Test func pixelsTwoAreasAreOnStayUntilBothLeave() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write(Self.red, named: "result.png")
        let (cache, decoded) = (PreviewCache(), DecodedImageCache())
        let larger = PreviewLoader(cache: cache, decodedImages: decoded), compare = PreviewLoader(cache: cache, decodedImages: decoded)
        _ = try await larger.load(Self.regionRequest(path, x: 0)).get()
        _ = try await compare.load(Self.regionRequest(path, x: 8)).get()
        #expect(decoded.count == 1, "one file, decoded once for both")
        _ = try await larger.load(PreviewRequest(path: path, columns: 8, rows: 4)).get()
        #expect(decoded.count == 1, "the compare view is still on it")
        _ = try await compare.load(PreviewRequest(path: path, columns: 8, rows: 4)).get()
        #expect(decoded.count == 0)
    }

    static func image(bytes: Int) -> DecodedImage {
        DecodedImage(header: ImageHeader(format: .png, width: bytes / 3, height: 1, hasAlpha: false),
                     width: bytes / 3, height: 1, channels: 3, pixels: [UInt8](repeating: 0, count: bytes))
    }

    static func key(_ name: String) -> DecodedImageKey {
        DecodedImageKey(path: Array(name.utf8), modified: 1, fileSize: 1, maxPixels: 100, maxFileBytes: 100)
    }

    final class Area {}

    @Test func theCacheIsBoundedByImagesAndBytesAndKeepsOnlyWhatAnAreaIsOn() {
        let defaults = DecodedImageCache()
        #expect(defaults.capacity == 3, "the compare view's three pictures")
        #expect(defaults.maxBytes >= 3 * 4000 * 3000 * 4 && defaults.maxBytes >= PreviewOptions.defaultMaxPixels * 4)

        let cache = DecodedImageCache(capacity: 3, maxBytes: 1200)
        let areas = (0..<5).map { _ in Area() }
        let names = ["a", "b", "c", "d", "e"]
        for (area, name) in zip(areas, names) { cache.follow(Self.key(name), by: ObjectIdentifier(area)) }
        for name in ["a", "b", "c"] { cache.store(Self.image(bytes: 300), for: Self.key(name)) }
        _ = cache.image(for: Self.key("a"))  // b is now the least recently used
        cache.store(Self.image(bytes: 300), for: Self.key("d"))
        #expect(cache.count == 3 && cache.image(for: Self.key("b")) == nil && cache.image(for: Self.key("a")) != nil)
        // 700 more bytes: c and d, the least recently used, go to stay within 1200.
        cache.store(Self.image(bytes: 700), for: Self.key("e"))
        #expect(cache.count == 2 && cache.byteCount == 1000)
        #expect(cache.image(for: Self.key("a")) != nil && cache.image(for: Self.key("e")) != nil)

        cache.store(Self.image(bytes: 1500), for: Self.key("b"))
        #expect(cache.image(for: Self.key("b")) == nil, "larger than the budget alone: not kept")
        cache.store(Self.image(bytes: 300), for: Self.key("nobody"))
        #expect(cache.image(for: Self.key("nobody")) == nil, "no area is on it: not kept")
        cache.follow(nil, by: ObjectIdentifier(areas[0]))
        #expect(cache.image(for: Self.key("a")) == nil && cache.byteCount == 700)
    }
}
