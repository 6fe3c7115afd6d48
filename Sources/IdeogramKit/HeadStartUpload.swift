import Synchronization

/// An upscale request started before its job is recorded: the connection is made and the
/// request head sent at once, the body (what the service bills for) only once `send` is
/// called, after the caller has made the job durable. A process's first upload so overlaps
/// connecting (TCP, TLS, the HTTP client's first use) with that bookkeeping. Abandoned, the
/// connection closes with no body sent: the service never takes the request.
public final class HeadStartUpload: Sendable {
    public let image: SourceImage
    public let request: UpscaleRequest
    public let endpoint: Endpoint
    private let gate = UploadGate()
    private let relay = ProgressRelay()
    private let claimed = Atomic(false)
    private let outcome: Task<Result<UpscaleResult, UpscaleError>, Never>

    init(client: UpscaleClient, image: SourceImage, request: UpscaleRequest) {
        self.image = image
        self.request = request
        endpoint = client.endpoint
        let gate = gate, relay = relay
        outcome = Task {
            do throws(UpscaleError) {
                return .success(try await client.send(image: image, request: request, gate: gate, progress: { relay.forward($0) }))
            } catch {
                return .failure(error)
            }
        }
    }

    /// Whether this head start was made for exactly this upload: same file (path, size,
    /// format), same request, same endpoint.
    public func matches(image other: SourceImage, request: UpscaleRequest, endpoint: Endpoint) -> Bool {
        image.path == other.path && image.byteCount == other.byteCount && image.format == other.format
            && image.fileName == other.fileName && self.request == request && self.endpoint == endpoint
    }

    /// Lets the body go and returns what `UpscaleClient.upscale` would: the answer or the
    /// typed error (one that came before the body, such as a refused key, included). Nil when
    /// it was already sent or abandoned. Cancelling the calling task cancels the request.
    public func send(progress: (@Sendable (UploadProgress) -> Void)?) async throws(UpscaleError) -> UpscaleResult? {
        guard claimed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return nil }
        relay.set(progress)
        gate.open()
        let outcome = self.outcome
        return try await withTaskCancellationHandler { await outcome.value } onCancel: { outcome.cancel() }.get()
    }

    /// Closes the request without its body, unless `send` came first.
    public func abandon() {
        guard claimed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        gate.abandon()
        outcome.cancel()
    }
}

/// Progress of a request started before anyone listened: forwarded to whoever `send` names.
private final class ProgressRelay: Sendable {
    private let sink = Mutex<(@Sendable (UploadProgress) -> Void)?>(nil)

    func set(_ progress: (@Sendable (UploadProgress) -> Void)?) {
        sink.withLock { $0 = progress }
    }

    func forward(_ step: UploadProgress) {
        sink.withLock { $0 }?(step)
    }
}
