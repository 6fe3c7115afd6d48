import NIOConcurrencyHelpers

/// Which decoded pixels: the file as `stat` saw it (a changed file has a new modification time
/// or size, hence a new key) and the limits it was admitted under (a request with lower limits
/// is not served what they would refuse).
struct DecodedImageKey: Hashable, Sendable {
    var path: [UInt8]
    /// Modification time in nanoseconds since the epoch.
    var modified: Int64
    var fileSize: Int64
    var maxPixels: Int
    var maxFileBytes: Int
}

/// The full-size pixels of the images the loupe is on, so a pan step crops, scales and encodes
/// without reading and decoding the file again. Thread-safe; one is shared by a provider's
/// loaders, so the same result in the side-by-side, the larger and the compare views is decoded
/// once.
///
/// An image is kept only while some loader follows it (its slot asks for a region of it): it
/// goes when the loupe is back at fit or the slot moves to another file. Bounded besides, least
/// recently used first out. At most `capacity` images, three by default: the compare view pans
/// its source and two results together, and with fewer kept every step would evict one of them
/// and decode it again. At most `maxBytes` in all, 256 MiB by default: three 12-megapixel photos
/// as RGBA (3 × 48 MB) fit, and so does one image at the default pixel limit (8192² × 4 bytes),
/// which its decode holds in memory anyway; an image larger than the budget alone is not kept
/// (each pan step decodes it, as without this cache).
public final class DecodedImageCache: Sendable {
    private struct State: Sendable {
        var images: CostBoundedLRU<DecodedImageKey, DecodedImage>
        /// The image each loader's slot is on.
        var followed: [ObjectIdentifier: DecodedImageKey] = [:]
    }

    private let state: NIOLockedValueBox<State>

    public init(capacity: Int = 3, maxBytes: Int = 256 * 1024 * 1024) {
        state = NIOLockedValueBox(State(images: CostBoundedLRU(capacity: capacity, maxCost: maxBytes)))
    }

    /// `owner` (a loader) is now on the image `key` (nil: on none, a whole picture or no file);
    /// the image it was on before is dropped unless another loader is still on it.
    func follow(_ key: DecodedImageKey?, by owner: ObjectIdentifier) {
        state.withLockedValue { state in
            let previous = state.followed[owner]
            state.followed[owner] = key
            if let previous, previous != key, !state.followed.values.contains(previous) { state.images.remove(previous) }
        }
    }

    func image(for key: DecodedImageKey) -> DecodedImage? {
        state.withLockedValue { $0.images.value(for: key) }
    }

    /// Keeps `image` if a loader is still on it and it fits the budget, dropping the least
    /// recently used images to stay within both bounds.
    func store(_ image: DecodedImage, for key: DecodedImageKey) {
        state.withLockedValue { state in
            // A decode that finished after its slot moved on: nobody will crop it.
            guard state.followed.values.contains(key) else { return }
            state.images.insert(image, for: key, cost: image.pixels.count)
        }
    }

    /// How many images are kept, and their pixels' bytes.
    public var count: Int { state.withLockedValue { $0.images.count } }
    public var capacity: Int { state.withLockedValue { $0.images.capacity } }
    public var maxBytes: Int { state.withLockedValue { $0.images.maxCost } }
    public var byteCount: Int { state.withLockedValue { $0.images.totalCost } }
}
