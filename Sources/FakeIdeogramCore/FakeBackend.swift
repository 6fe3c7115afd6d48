import Foundation
import Logging

/// The fake Upscale service without its transport: configuration, the fault queue, the request
/// log, the in-flight count, the random source and the issued result images. The HTTP service
/// (`FakeIdeogram`) puts it behind routes; a program can also call it directly, in process.
/// Thread-safe; one per service.
public final class FakeBackend: Sendable {
    public let configuration: FakeServiceConfiguration
    package let logger: Logger
    package let images: ResultImageStore
    package let signer: URLSigner
    /// The current API's generations, its call log and its poll faults.
    package let ledger = GenerationLedger()

    private struct State {
        var faultQueue: [FakeFault] = []
        var received: [ReceivedUpscale] = []
        var imagesInFlight = 0
        var random: SplitMix64
        var resultBaseURL: String
    }

    private let state: Locked<State>

    /// `resultBaseURL` prefixes the result URLs it hands out ("http://127.0.0.1:PORT"); the HTTP
    /// service sets it once it knows its port.
    public init(configuration: FakeServiceConfiguration, resultBaseURL: String = "", logger: Logger? = nil) {
        self.configuration = configuration
        let logger = logger ?? Self.quietLogger()
        self.logger = logger
        images = ResultImageStore(maxSourceBytes: configuration.maxHeldSourceBytes, logger: logger)
        var random = SplitMix64(seed: configuration.randomSeed ?? UInt64.random(in: .min ... .max))
        signer = URLSigner(key0: random.next(), key1: random.next())
        state = Locked(State(random: random, resultBaseURL: resultBaseURL))
    }

    /// By default only warnings: tests and demos should not drown in request logs.
    private static func quietLogger() -> Logger {
        var logger = Logger(label: "FakeIdeogram")
        logger.logLevel = .warning
        return logger
    }

    /// Where result URLs point: scheme, host and port, without a trailing slash.
    public var resultBaseURL: String {
        get { state.withLock { $0.resultBaseURL } }
        set { state.withLock { $0.resultBaseURL = newValue } }
    }

    /// Bytes of uploads held now for making results (see `maxHeldSourceBytes`).
    public var heldSourceBytes: Int { images.heldSourceBytes }

    // MARK: Faults

    /// Queues one-shot faults: the next upscale requests get them, in order.
    public func enqueueFaults(_ faults: [FakeFault]) {
        state.withLock { $0.faultQueue.append(contentsOf: faults) }
    }

    /// The fault for the next upscale: a queued one first, else one drawn from `randomFaults`.
    func nextFault() -> FakeFault? {
        state.withLock { state in
            if !state.faultQueue.isEmpty { return state.faultQueue.removeFirst() }
            for candidate in configuration.randomFaults where candidate.probability > 0 {
                if Double.random(in: 0..<1, using: &state.random) < candidate.probability { return candidate.fault }
            }
            return nil
        }
    }

    // MARK: Request log

    package func record(_ request: ReceivedUpscale) {
        state.withLock { $0.received.append(request) }
        logger.debug("upscale answered", metadata: [
            "dialect": "\(request.dialect)", "status": "\(request.status)", "imageBytes": "\(request.imageBytes)",
        ])
    }

    /// Every upscale request received so far, in the order they were answered, with the status.
    public func receivedRequests() -> [ReceivedUpscale] {
        state.withLock { $0.received }
    }

    // MARK: In-flight limit

    /// Images (num_images summed) of the upscales being processed right now.
    public var imagesInFlight: Int { state.withLock { $0.imagesInFlight } }

    /// Counts `count` images as in flight unless that would exceed the limit.
    func reserveInFlight(_ count: Int) -> Bool {
        state.withLock { state in
            guard state.imagesInFlight + count <= configuration.maxImagesInFlight else { return false }
            state.imagesInFlight += count
            return true
        }
    }

    func releaseInFlight(_ count: Int) {
        state.withLock { $0.imagesInFlight -= count }
    }

    // MARK: Randomness

    func withRandom<Result>(_ body: (inout SplitMix64) -> Result) -> Result {
        state.withLock { body(&$0.random) }
    }

    /// The configured latency plus a uniform random share of the jitter.
    func upscaleLatency() -> Duration {
        let jitter = configuration.latencyJitter
        guard jitter > .zero else { return configuration.latency }
        let jitterNanoseconds = jitter.components.seconds * 1_000_000_000 + jitter.components.attoseconds / 1_000_000_000
        let extra = withRandom { Int64.random(in: 0...max(0, jitterNanoseconds), using: &$0) }
        return configuration.latency + .nanoseconds(extra)
    }

    /// An opaque id like the real ones (e.g. "8YEpFzHuS"; generation ids are 22 long).
    func newImageID(length: Int = 12) -> String {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        return withRandom { random in String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }) }
    }
}
