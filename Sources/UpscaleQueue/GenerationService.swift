import IdeogramClient
import IdeogramKit

/// The v2 calls the queue makes, abstracted like `UpscaleService`: send a generation with
/// `async=true`, then poll it. `UpscaleClient` and `EndpointRouter` conform.
public protocol GenerationService: Sendable {
    /// Sends one image to the request's model; returns once the service accepted the work.
    /// Must throw `.cancelled(requestFullySent:)` when the calling task is cancelled.
    func submitGeneration(
        image: SourceImage,
        request: V2Request,
        endpoint: Endpoint,
        progress: (@Sendable (UploadProgress) -> Void)?
    ) async throws(UpscaleError) -> GenerationAccepted

    /// Where the generation stands. Costs nothing and bills nothing.
    func poll(generationID: String, endpoint: Endpoint) async throws(UpscaleError) -> GenerationPoll

    /// The price of sending this image with this request (`dry_run=true`). Free: nothing is billed.
    func quote(image: SourceImage, request: V2Request, endpoint: Endpoint) async throws(UpscaleError) -> PriceQuote
}

extension UpscaleClient: GenerationService {
    public func submitGeneration(
        image: SourceImage,
        request: V2Request,
        endpoint: Endpoint,
        progress: (@Sendable (UploadProgress) -> Void)?
    ) async throws(UpscaleError) -> GenerationAccepted {
        guard endpoint == self.endpoint else { throw EndpointRouter.noKey(for: endpoint) }
        return try await submitGeneration(image: image, request: request, progress: progress)
    }

    public func poll(generationID: String, endpoint: Endpoint) async throws(UpscaleError) -> GenerationPoll {
        guard endpoint == self.endpoint else { throw EndpointRouter.noKey(for: endpoint) }
        return try await poll(generationID: generationID)
    }

    public func quote(image: SourceImage, request: V2Request, endpoint: Endpoint) async throws(UpscaleError) -> PriceQuote {
        guard endpoint == self.endpoint else { throw EndpointRouter.noKey(for: endpoint) }
        return try await quote(image: image, request: request)
    }
}

extension EndpointRouter: GenerationService {
    public func submitGeneration(
        image: SourceImage,
        request: V2Request,
        endpoint: Endpoint,
        progress: (@Sendable (UploadProgress) -> Void)?
    ) async throws(UpscaleError) -> GenerationAccepted {
        guard let client = client(for: endpoint) else { throw Self.noKey(for: endpoint) }
        return try await client.submitGeneration(image: image, request: request, progress: progress)
    }

    public func poll(generationID: String, endpoint: Endpoint) async throws(UpscaleError) -> GenerationPoll {
        guard let client = client(for: endpoint) else { throw Self.noKey(for: endpoint) }
        return try await client.poll(generationID: generationID)
    }

    public func quote(image: SourceImage, request: V2Request, endpoint: Endpoint) async throws(UpscaleError) -> PriceQuote {
        guard let client = client(for: endpoint) else { throw Self.noKey(for: endpoint) }
        return try await client.quote(image: image, request: request)
    }
}
