import IdeogramKit
import Synchronization

/// The queue's service with a head start for one upload (`HeadStartUpload`): the queue's first
/// call for that same file, request and endpoint lets its body go, after the queue has made the
/// job durable as it does before any send. Every other call goes to `service`; a head start
/// that does not match that first call is abandoned.
public final class HeadStartService: UpscaleService {
    private let service: any UpscaleService
    private let headStart: Mutex<HeadStartUpload?>

    public init(_ service: any UpscaleService, headStart: HeadStartUpload?) {
        self.service = service
        self.headStart = Mutex(headStart)
    }

    /// Begins uploading `file` with `network`'s client for `endpoint`; nil when there is no
    /// such client or the file is not an image the queue would take (it then says why).
    public static func begin(file: String, request: UpscaleRequest, endpoint: Endpoint, network: LiveNetwork,
                             maxBytes: Int) -> HeadStartUpload? {
        guard let client = network.service.client(for: endpoint),
              let image = try? SourceImage.open(path: UpscaleQueue.absolutePath(file), maxBytes: maxBytes) else { return nil }
        return client.beginUpload(image: image, request: request)
    }

    public func upscale(
        image: SourceImage,
        request: UpscaleRequest,
        endpoint: Endpoint,
        progress: (@Sendable (UploadProgress) -> Void)?
    ) async throws(UpscaleError) -> UpscaleResult {
        if let early = takeHeadStart() {
            if early.matches(image: image, request: request, endpoint: endpoint),
               let result = try await early.send(progress: progress) {
                return result
            }
            early.abandon()
        }
        return try await service.upscale(image: image, request: request, endpoint: endpoint, progress: progress)
    }

    /// Closes a head start the queue never used (its job was not sent), body unsent.
    public func abandonUnused() {
        takeHeadStart()?.abandon()
    }

    private func takeHeadStart() -> HeadStartUpload? {
        headStart.withLock { stored in
            defer { stored = nil }
            return stored
        }
    }
}
