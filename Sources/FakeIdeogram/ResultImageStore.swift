import Foundation
import NIOCore

/// A result image the service promised at a signed URL.
struct ResultImage: Sendable, Equatable {
    var id: String
    var resolution: ResultResolution
    var pictureSeed: UInt64
    /// Precise expiry; the URL's `exp` is this rounded up to whole seconds.
    var expiresAt: Date
    var expiryUnixSeconds: Int
}

/// Remembers issued result images and keeps a bounded cache of their encoded PNGs. Pictures are
/// generated lazily on the first GET: most clients download each result once, and many never do.
final class ResultImageStore: Sendable {
    /// Encoded PNGs kept at most; a 4096x4096 result is tens of megabytes.
    static let maxCachedImages = 16
    static let maxCachedBytes = 256 << 20
    /// Expired records are kept this long, to answer "expired" rather than "unknown".
    static let expiredRecordRetention: TimeInterval = 3600

    private struct State {
        var images: [String: ResultImage] = [:]
        var cache: [String: ByteBuffer] = [:]
        var cacheOrder: [String] = []  // least recently used first
        var cachedBytes = 0
        var issuedSincePrune = 0
    }

    private let state = Locked(State())

    func register(_ image: ResultImage) {
        state.withLock { state in
            state.images[image.id] = image
            state.issuedSincePrune += 1
            if state.issuedSincePrune >= 256 {
                state.issuedSincePrune = 0
                let horizon = Date().addingTimeInterval(-Self.expiredRecordRetention)
                state.images = state.images.filter { $0.value.expiresAt > horizon }
            }
        }
    }

    func image(id: String) -> ResultImage? {
        state.withLock { $0.images[id] }
    }

    /// The PNG of a registered image, from the cache or freshly generated (outside the lock,
    /// so concurrent downloads of different images encode in parallel).
    func pngBytes(for image: ResultImage) throws -> ByteBuffer {
        if let cached = cachedPNG(id: image.id) { return cached }
        let bytes = try SamplePictures.png(width: image.resolution.width, height: image.resolution.height, seed: image.pictureSeed)
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
