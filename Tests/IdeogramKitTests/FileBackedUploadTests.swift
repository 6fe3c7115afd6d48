import FakeIdeogram
import Foundation
import NIOCore
import NIOPosix
import Synchronization
import Testing
@testable import IdeogramClient
@testable import IdeogramKit

/// An image opened with `SourceImage.open` is read from its file slice by slice as it is sent.
@Suite struct FileBackedUploadTests {
    static func writeImage(bytes count: Int) throws -> (path: String, bytes: [UInt8]) {
        var bytes = TestImages.png(width: 64, height: 48)
        bytes += (0..<(count - bytes.count)).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
        let path = try TestImages.write(bytes, name: "big.png", in: TestImages.temporaryDirectory())
        return (path, bytes)
    }

    static func collect(_ body: MultipartBody, tracker: UploadTracker) async throws -> [ByteBuffer] {
        var chunks: [ByteBuffer] = []
        for try await chunk in TrackedBody(pieces: body.pieces(), tracker: tracker) { chunks.append(chunk) }
        return chunks
    }

    @Test func theBodyHasTheSameBytesAsOneReadIntoMemory() async throws {
        let (path, bytes) = try Self.writeImage(bytes: 600_000)
        let opened = try SourceImage.open(path: path)
        #expect(opened.bytes == nil)
        #expect(opened.byteCount == bytes.count)
        #expect(opened.format == .png && opened.width == 64 && opened.height == 48)

        let json = UpscaleRequest(prompt: "dunes", seed: 3).jsonString()
        let streamed = MultipartBody(image: opened, requestJSON: json, boundary: "b0undary")
        let inMemory = MultipartBody(image: try SourceImage.load(path: path), requestJSON: json, boundary: "b0undary")
        let tracker = UploadTracker(total: streamed.length, onProgress: nil)
        let chunks = try await Self.collect(streamed, tracker: tracker)

        #expect(chunks.count == 1 + 3 + 1, "head, three slices of at most 256 kB, tail")
        #expect(chunks.allSatisfy { $0.readableBytes <= MultipartBody.sliceSize })
        var joined = ByteBuffer()
        for chunk in chunks { joined.writeImmutableBuffer(chunk) }
        #expect(joined == inMemory.joined())
        #expect(streamed.length == joined.readableBytes)
        #expect(tracker.isComplete)
    }

    /// A large JPEG whose frame header sits after big EXIF segments: `open` and `inspect` read
    /// a small window first, then further, only as far as the header needs.
    @Test(arguments: [100_000, 300_000])
    func findsAFrameHeaderPastTheFirstWindows(at offset: Int) throws {
        var jpeg: [UInt8] = [0xFF, 0xD8]
        while jpeg.count + 40_000 < offset {
            jpeg += [0xFF, 0xE1] + TestImages.be16(40_000) + [UInt8](repeating: 0x41, count: 40_000 - 2)
        }
        jpeg += [0xFF, 0xC0, 0x00, 0x11, 0x08, 0x02, 0x58, 0x03, 0x20, 0x03] + [UInt8](repeating: 0, count: 9)
        jpeg += [0xFF, 0xDA] + TestImages.be16(12) + [3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3F, 0]
        jpeg += [UInt8](repeating: 0x12, count: 400_000) + [0xFF, 0xD9]
        let path = try TestImages.write(jpeg, name: "exif.jpg", in: TestImages.temporaryDirectory())
        let opened = try SourceImage.open(path: path)
        #expect(opened.bytes == nil, "a file past the header window is read as it is sent")
        #expect(opened.format == .jpeg && opened.width == 800 && opened.height == 600)
        #expect(opened.byteCount == jpeg.count)
        let header = try SourceImage.inspect(path: path)
        #expect(header.width == 800 && header.height == 600)
    }

    /// The HTTP client takes body parts without waiting for them to be written: each slice
    /// after the first is read only once the event loops have run what was queued before it.
    @Test func eachSliceAfterTheFirstWaitsForTheEventLoops() async throws {
        let (path, _) = try Self.writeImage(bytes: 700_000)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let body = MultipartBody(image: try SourceImage.open(path: path), requestJSON: "{}")
        var parts = TrackedBody(pieces: body.pieces(), tracker: UploadTracker(total: body.length, onProgress: nil),
                                eventLoops: group).makeAsyncIterator()
        _ = try await parts.next()  // the head
        #expect(try await parts.next()?.readableBytes == MultipartBody.sliceSize, "the first slice goes at once")

        let busy = DispatchSemaphore(value: 0)
        let released = Atomic(false)
        group.next().execute { busy.wait() }
        Thread.detachNewThread {
            usleep(200_000)
            released.store(true, ordering: .sequentiallyConsistent)
            busy.signal()
        }
        #expect(try await parts.next()?.readableBytes == MultipartBody.sliceSize)
        let waited = released.load(ordering: .sequentiallyConsistent)
        #expect(waited, "the second slice waited until the loop was free")
        try await group.shutdownGracefully()
    }

    @Test func aSmallBodyGoesAsOneBuffer() async throws {
        let (path, bytes) = try Self.writeImage(bytes: 64_000)
        let body = MultipartBody(image: try SourceImage.open(path: path), requestJSON: "{}", boundary: "test-boundary-0123456789")
        let chunks = try await Self.collect(body, tracker: UploadTracker(total: body.length, onProgress: nil))
        #expect(chunks.count == 1)
        #expect(chunks.first == MultipartBody(image: try SourceImage(path: path, bytes: ByteBuffer(bytes: bytes)), requestJSON: "{}", boundary: "test-boundary-0123456789").joined())
    }

    @Test func aFileThatChangesBeforeItIsSentIsRefusedNotSentCut() async throws {
        let (path, bytes) = try Self.writeImage(bytes: 300_000)
        let shrunk = try SourceImage.open(path: path)
        truncate(path, 200_000)
        let tracker = UploadTracker(total: 0, onProgress: nil)
        await #expect(throws: SourceFileChanged.self) { _ = try await Self.collect(MultipartBody(image: shrunk, requestJSON: "{}"), tracker: tracker) }
        #expect(!tracker.isComplete, "the body was never complete")

        _ = try TestImages.write(bytes, name: "big.png", in: URL(fileURLWithPath: (path as NSString).deletingLastPathComponent))
        let grown = try SourceImage.open(path: path)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([1, 2, 3]))
        try handle.close()
        await #expect(throws: SourceFileChanged.self) { _ = try await Self.collect(MultipartBody(image: grown, requestJSON: "{}"), tracker: tracker) }
    }

    @Test func theFakeServiceReceivesTheWholeFile() async throws {
        let (path, bytes) = try Self.writeImage(bytes: 700_000)
        try await FakeServiceFixture.with { fx in
            let result = try await fx.client.upscale(image: try SourceImage.open(path: path), request: UpscaleRequest())
            #expect(result.images.count == 1)
            let received = fx.service.receivedRequests()
            #expect(received.map(\.imageBytes) == [bytes.count])
            #expect(received.first?.filename == "big.png")
        }
    }

    @Test func theClientNamesAFileThatShrankAsInvalidInput() async throws {
        let (path, _) = try Self.writeImage(bytes: 300_000)
        try await FakeServiceFixture.with { fx in
            let image = try SourceImage.open(path: path)
            truncate(path, 100_000)
            let error = await upscaleError { try await fx.client.upscale(image: image, request: UpscaleRequest()) }
            guard case .invalidImage(.unreadable(let failedPath, let reason))? = error else {
                Issue.record("expected the image to be refused, got \(String(describing: error))")
                return
            }
            #expect(failedPath == path)
            #expect(reason.contains("shorter"))
            #expect(error?.category == .badInput)
        }
    }
}
