import IdeogramClient
import IdeogramKit

/// The one network call the queue makes to get an upscale, abstracted so tests can script the
/// answers. `UpscaleClient` conforms; so does `EndpointRouter` for several endpoints.
public protocol UpscaleService: Sendable {
    /// Sends one image with one request to `endpoint`. Must throw `.cancelled(requestFullySent:)`
    /// when the calling task is cancelled, so the queue can tell whether it may have been billed.
    func upscale(
        image: SourceImage,
        request: UpscaleRequest,
        endpoint: Endpoint,
        progress: (@Sendable (UploadProgress) -> Void)?
    ) async throws(UpscaleError) -> UpscaleResult
}

extension UpscaleClient: UpscaleService {
    /// A client holds the key of one endpoint: a job for another endpoint is refused before
    /// anything is sent, as a missing key, which pauses the queue until the user fixes it.
    public func upscale(
        image: SourceImage,
        request: UpscaleRequest,
        endpoint: Endpoint,
        progress: (@Sendable (UploadProgress) -> Void)?
    ) async throws(UpscaleError) -> UpscaleResult {
        guard endpoint == self.endpoint else { throw EndpointRouter.noKey(for: endpoint) }
        return try await upscale(image: image, request: request, progress: progress)
    }
}

/// Sends each job to the client configured for its endpoint.
public struct EndpointRouter: UpscaleService {
    private let clients: [UpscaleClient]

    public init(_ clients: [UpscaleClient]) {
        self.clients = clients
    }

    /// The client holding the key for `endpoint`, if one does.
    public func client(for endpoint: Endpoint) -> UpscaleClient? {
        clients.first { $0.endpoint == endpoint }
    }

    public func upscale(
        image: SourceImage,
        request: UpscaleRequest,
        endpoint: Endpoint,
        progress: (@Sendable (UploadProgress) -> Void)?
    ) async throws(UpscaleError) -> UpscaleResult {
        guard let client = client(for: endpoint) else { throw Self.noKey(for: endpoint) }
        return try await client.upscale(image: image, request: request, progress: progress)
    }

    static func noKey(for endpoint: Endpoint) -> UpscaleError {
        .unauthorized(status: 401, message: "no API key is configured for \(endpoint)")
    }
}
