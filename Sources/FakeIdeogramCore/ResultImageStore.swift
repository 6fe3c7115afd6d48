import Foundation
import Logging
import NIOCore

/// A result image the service promised at a signed URL.
struct ResultImage: Sendable, Equatable {
    var id: String
    var resolution: ResultResolution
    /// Picks the stand-in picture when the source cannot be decoded.
    var pictureSeed: UInt64
    /// Precise expiry; the URL's `exp` is this rounded up to whole seconds.
    var expiresAt: Date
    var expiryUnixSeconds: Int
    /// The upload it is made from (shared by the images of one answer).
    var sourceID = 0
}

/// Remembers issued result images with the uploads they are made from, and keeps a bounded cache
/// of their encoded PNGs. Pictures are made lazily on the first GET: most clients download each
/// result once, and many never do. An upload is held until its URLs expire, and the oldest
/// are let go early when together they pass `maxSourceBytes`.
package final class ResultImageStore: Sendable {
    /// Encoded PNGs kept at most; a 4096x4096 result is tens of megabytes.
    static let maxCachedImages = 16
    static let maxCachedBytes = 256 << 20
    /// Expired records are kept this long, to answer "expired" rather than "unknown".
    static let expiredRecordRetention: TimeInterval = 3600

    /// Why a registered image cannot be served.
    enum Unavailable: Error {
        /// Its upload was let go to keep within `maxSourceBytes`.
        case sourceReleased
        case encoding(String)
    }

    private struct HeldSource {
        var bytes: ByteBuffer
        var expiresAt: Date
    }

    private struct State {
        var images: [String: ResultImage] = [:]
        var sources: [Int: HeldSource] = [:]
        var sourceOrder: [Int] = []  // registration order, which is expiry order
        var heldSourceBytes = 0
        var nextSourceID = 1
        var cache: [String: ByteBuffer] = [:]
        var cacheOrder: [String] = []  // least recently used first
        var cachedBytes = 0
        var issuedSincePrune = 0
    }

    let maxSourceBytes: Int
    private let logger: Logger
    private let state = Locked(State())

    init(maxSourceBytes: Int, logger: Logger) {
        self.maxSourceBytes = maxSourceBytes
        self.logger = logger
    }

    /// Records the images of one answer, all made from `source`.
    func register(_ images: [ResultImage], source: ByteBuffer) {
        guard let expiresAt = images.map(\.expiresAt).max() else { return }
        state.withLock { state in
            let sourceID = state.nextSourceID
            state.nextSourceID += 1
            state.sources[sourceID] = HeldSource(bytes: source, expiresAt: expiresAt)
            state.sourceOrder.append(sourceID)
            state.heldSourceBytes += source.readableBytes
            for var image in images {
                image.sourceID = sourceID
                state.images[image.id] = image
            }
            releaseSources(&state, now: Date())
            state.issuedSincePrune += images.count
            if state.issuedSincePrune >= 256 {
                state.issuedSincePrune = 0
                let horizon = Date().addingTimeInterval(-Self.expiredRecordRetention)
                state.images = state.images.filter { $0.value.expiresAt > horizon }
            }
        }
    }

    /// Lets go of expired uploads, and of the oldest while they hold more than the bound (the
    /// newest is always kept, whatever its size: its answer was just given).
    private func releaseSources(_ state: inout State, now: Date) {
        while let oldest = state.sourceOrder.first, let held = state.sources[oldest],
              held.expiresAt < now || (state.heldSourceBytes > maxSourceBytes && state.sourceOrder.count > 1) {
            state.sourceOrder.removeFirst()
            state.sources[oldest] = nil
            state.heldSourceBytes -= held.bytes.readableBytes
        }
    }

    func image(id: String) -> ResultImage? {
        state.withLock { $0.images[id] }
    }

    /// Bytes of uploads held now, for tests of the bound.
    var heldSourceBytes: Int { state.withLock { $0.heldSourceBytes } }

    /// The PNG of a registered image, from the cache or freshly made (outside the lock, so
    /// concurrent downloads of different images are made in parallel).
    func pngBytes(for image: ResultImage) throws(Unavailable) -> ByteBuffer {
        if let cached = cachedPNG(id: image.id) { return cached }
        let source: ByteBuffer? = state.withLock { state in
            releaseSources(&state, now: Date())
            return state.sources[image.sourceID]?.bytes
        }
        guard let source else { throw .sourceReleased }
        let bytes: [UInt8]
        do {
            bytes = try ResultPicture.png(from: source, width: image.resolution.width, height: image.resolution.height)
        } catch {
            guard case .undecodable(let reason) = error else { throw .encoding(String(describing: error)) }
            // The upload passed the header checks the real service makes before it answers, and
            // the answer promised a picture of this size here, so the URL keeps that promise with
            // a stand-in of the right size; the log says why it is not the source enlarged.
            logger.warning("the source of a result could not be decoded; serving a sample picture instead",
                           metadata: ["image": "\(image.id)", "reason": "\(reason)"])
            do {
                bytes = try SamplePictures.png(width: image.resolution.width, height: image.resolution.height, seed: image.pictureSeed)
            } catch {
                throw .encoding(String(describing: error))
            }
        }
        let buffer = ByteBuffer(bytes: bytes)
        cache(buffer, id: image.id)
        return buffer
    }

    private func cachedPNG(id: String) -> ByteBuffer? {
        state.withLock { state in
            guard let buffer = state.cache[id] else { return nil }
            state.cacheOrder.removeAll { $0 == id }
            state.cacheOrder.append(id)
            return buffer
        }
    }

    private func cache(_ buffer: ByteBuffer, id: String) {
        state.withLock { state in
            guard state.cache[id] == nil, buffer.readableBytes <= Self.maxCachedBytes else { return }
            state.cache[id] = buffer
            state.cacheOrder.append(id)
            state.cachedBytes += buffer.readableBytes
            while state.cacheOrder.count > Self.maxCachedImages || state.cachedBytes > Self.maxCachedBytes {
                let evicted = state.cacheOrder.removeFirst()
                state.cachedBytes -= state.cache.removeValue(forKey: evicted)?.readableBytes ?? 0
            }
        }
    }
}
