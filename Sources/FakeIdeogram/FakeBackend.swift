import Foundation
import Logging

/// Everything the routes share: configuration, the fault queue, the request log, the in-flight
/// count, the random source and the issued result images. Thread-safe; one per service.
final class FakeBackend: Sendable {
    let configuration: FakeServiceConfiguration
    let logger: Logger
    let images = ResultImageStore()
    let signer: URLSigner

    private struct State {
        var faultQueue: [FakeFault] = []
        var received: [ReceivedUpscale] = []
        var imagesInFlight = 0
        var random: SplitMix64
        var port = 0
    }

    private let state: Locked<State>

    init(configuration: FakeServiceConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        var random = SplitMix64(seed: configuration.randomSeed ?? UInt64.random(in: .min ... .max))
        signer = URLSigner(key0: random.next(), key1: random.next())
        state = Locked(State(random: random))
    }

    // MARK: Listening address

    var port: Int {
        get { state.withLock { $0.port } }
        set { state.withLock { $0.port = newValue } }
    }

    /// Where clients reach this service; wildcard bind addresses become loopback.
    var baseURL: String {
        let host: String = switch configuration.host {
        case "0.0.0.0", "": "127.0.0.1"
        case "::": "[::1]"
        case let host where host.contains(":"): "[\(host)]"
        case let host: host
        }
        return "http://\(host):\(port)"
    }

    // MARK: Faults

    func enqueueFaults(_ faults: [FakeFault]) {
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

    func record(_ request: ReceivedUpscale) {
        state.withLock { $0.received.append(request) }
        logger.debug("upscale answered", metadata: [
            "dialect": "\(request.dialect)", "status": "\(request.status)", "imageBytes": "\(request.imageBytes)",
        ])
    }

    func receivedRequests() -> [ReceivedUpscale] {
        state.withLock { $0.received }
    }

    // MARK: In-flight limit

    var imagesInFlight: Int { state.withLock { $0.imagesInFlight } }

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

    /// An opaque id like the real ones (e.g. "8YEpFzHuS").
    func newImageID() -> String {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        return withRandom { random in String((0..<12).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }) }
    }
}
