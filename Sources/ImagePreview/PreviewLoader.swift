import Dispatch
import NIOConcurrencyHelpers

/// A file to preview and the cell box it must fit in.
public struct PreviewRequest: Hashable, Sendable {
    /// The path's bytes (as the file system has them; need not be UTF-8).
    public var path: [UInt8]
    public var columns: Int
    public var rows: Int
    public var options: PreviewOptions

    public init(path: [UInt8], columns: Int, rows: Int, options: PreviewOptions = PreviewOptions()) {
        self.path = path
        self.columns = columns
        self.rows = rows
        self.options = options
    }

    public init(path: String, columns: Int, rows: Int, options: PreviewOptions = PreviewOptions()) {
        self.init(path: Array(path.utf8), columns: columns, rows: rows, options: options)
    }
}

/// Makes previews off the caller's actor, one preview area's worth: a new `load` cancels the
/// one before it (latest wins), so holding an arrow key through a folder of photos decodes
/// only what the selection rests on. Decodes run one at a time on the loader's own serial
/// queue; cache look-ups (one `stat`) run beside them and never wait behind a decode.
///
/// Use one loader per preview area (the file pane; the results pane's source and result each)
/// and share one `PreviewCache` and one `DecodedImageCache` between them.
///
/// A region (the loupe) is cut from the file's full-size pixels, which the loader keeps in
/// `decodedImages` while its requests stay on that file, so a pan step does not decode again.
/// Each request says what the area shows now: one without a region, or for another file, lets
/// the kept pixels go.
public final class PreviewLoader: Sendable {
    public let cache: PreviewCache
    public let decodedImages: DecodedImageCache
    private let decodeQueue: DispatchQueue
    private let current = NIOLockedValueBox<PreviewCancellation?>(nil)

    public init(cache: PreviewCache = PreviewCache(), decodedImages: DecodedImageCache = DecodedImageCache(),
                label: String = "preview") {
        self.cache = cache
        self.decodedImages = decodedImages
        self.decodeQueue = DispatchQueue(label: "ideogram-tui.\(label)", qos: .userInitiated)
    }

    deinit { follow(nil) }

    /// The cached outcome for `request` if the file has not changed since; nil when it must be
    /// loaded. Makes one `stat` call on the calling thread. Like `load`, takes `request` as what
    /// the area shows now (kept pixels it no longer needs go).
    public func cached(_ request: PreviewRequest) -> Result<PreviewImage, PreviewError>? {
        guard case .success(let stamp) = FileBytes.stamp(path: request.path) else {
            follow(nil)
            return nil
        }
        follow(decodedKey(request, stamp))
        return cache.outcome(for: key(request, stamp))
    }

    /// The preview for `request`, from the cache or freshly made. Cancels this loader's previous
    /// load. Gives `.failure(.cancelled)` when this load was superseded or its task cancelled:
    /// callers drop that outcome. Every other failure has a one-line `description` to show.
    public func load(_ request: PreviewRequest) async -> Result<PreviewImage, PreviewError> {
        let flag = PreviewCancellation()
        let previous = current.withLockedValue { current in
            defer { current = flag }
            return current
        }
        previous?.cancel()
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<PreviewImage, PreviewError>, Never>) in
                DispatchQueue.global(qos: .userInitiated).async {
                    self.lookUp(request, flag: flag, continuation: continuation)
                }
            }
        } onCancel: {
            flag.cancel()
        }
        current.withLockedValue { current in
            if current === flag { current = nil }
        }
        return outcome
    }

    /// Cancels the load in progress, if any.
    public func cancel() {
        current.withLockedValue { $0 }?.cancel()
    }

    private func lookUp(_ request: PreviewRequest, flag: PreviewCancellation,
                        continuation: CheckedContinuation<Result<PreviewImage, PreviewError>, Never>) {
        if flag.isCancelled { return continuation.resume(returning: .failure(.cancelled)) }
        let stamp: (modified: Int64, size: Int64)
        switch FileBytes.stamp(path: request.path) {
        case .failure(let error):
            follow(nil)
            return continuation.resume(returning: .failure(error))
        case .success(let value): stamp = value
        }
        let decodedKey = decodedKey(request, stamp)
        follow(decodedKey)
        let key = key(request, stamp)
        if let outcome = cache.outcome(for: key) { return continuation.resume(returning: outcome) }
        decodeQueue.async {
            if flag.isCancelled { return continuation.resume(returning: .failure(.cancelled)) }
            let outcome: Result<PreviewImage, PreviewError>
            do throws(PreviewError) {
                if let decodedKey {
                    outcome = .success(try self.regionPreview(request, decodedKey, cancellation: flag))
                } else {
                    outcome = .success(try Previewer.preview(path: request.path, columns: request.columns, rows: request.rows,
                                                             options: request.options, cancellation: flag))
                }
            } catch {
                outcome = .failure(error)
            }
            self.cache.store(outcome, for: key)
            continuation.resume(returning: outcome)
        }
    }

    /// A region cut from the file's kept full-size pixels; decoded (and kept) when there are none.
    private func regionPreview(_ request: PreviewRequest, _ key: DecodedImageKey,
                               cancellation: PreviewCancellation) throws(PreviewError) -> PreviewImage {
        let decoded: DecodedImage
        if let kept = decodedImages.image(for: key) {
            decoded = kept
        } else {
            let file = try FileBytes.read(path: request.path, limit: request.options.maxFileBytes, cancellation: cancellation)
            decoded = try Previewer.decode(data: file.bytes, columns: request.columns, rows: request.rows,
                                           options: request.options, cancellation: cancellation)
            // Kept before the picture is made: a pan step that supersedes this one crops it.
            decodedImages.store(decoded, for: key)
        }
        return try Previewer.preview(decoded: decoded, fileSize: key.fileSize, columns: request.columns, rows: request.rows,
                                     options: request.options, cancellation: cancellation)
    }

    /// This loader's area is now on the image `key` (nil: none).
    private func follow(_ key: DecodedImageKey?) {
        decodedImages.follow(key, by: ObjectIdentifier(self))
    }

    // For tests: the serial queue decodes run on, and whether a load is under way.
    var decodeQueueForTesting: DispatchQueue { decodeQueue }
    var hasLoadInProgressForTesting: Bool { current.withLockedValue { $0 != nil } }

    private func key(_ request: PreviewRequest, _ stamp: (modified: Int64, size: Int64)) -> PreviewKey {
        PreviewKey(path: request.path, modified: stamp.modified, fileSize: stamp.size,
                   columns: request.columns, rows: request.rows, options: request.options)
    }

    /// The full-size pixels a region request crops from; nil without a region.
    private func decodedKey(_ request: PreviewRequest, _ stamp: (modified: Int64, size: Int64)) -> DecodedImageKey? {
        guard request.options.region != nil else { return nil }
        return DecodedImageKey(path: request.path, modified: stamp.modified, fileSize: stamp.size,
                               maxPixels: request.options.maxPixels, maxFileBytes: request.options.maxFileBytes)
    }
}
