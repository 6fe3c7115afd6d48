/// How a `FakeIdeogramService` behaves: where it listens, whom it lets in, how slow and how
/// faulty it is. The defaults mimic the real Upscale service on loopback with no latency.
public struct FakeServiceConfiguration: Sendable {
    /// Longest side of a result image; the real service caps upscales here.
    public static let maxResultSide = 4096

    /// For the HTTP service: the address it listens on.
    public var host: String
    /// For the HTTP service: 0 asks the OS for an ephemeral port; `FakeIdeogramService.start()`
    /// returns the real one.
    public var port: Int
    /// Accepted credentials (Bearer token or Api-Key). nil accepts any non-empty credential.
    public var acceptedKeys: Set<String>?
    /// Delay before answering an upscale.
    public var latency: Duration
    /// Extra uniform random delay in 0...latencyJitter on top of `latency`.
    public var latencyJitter: Duration
    /// Largest accepted image_file, in bytes; above it the answer is 413.
    public var maxUploadBytes: Int
    /// Images (num_images summed over requests being processed) allowed at once; above it 429.
    public var maxImagesInFlight: Int
    /// How long result URLs stay valid.
    public var urlLifetime: Duration
    /// Status for an expired result URL: 410 (default) or 404.
    public var expiredStatus: Int
    /// Result resolution = source size * scale, longest side capped at `maxResultSide`.
    public var scale: Int
    /// Faults drawn per upscale request, in order; the first one that fires wins.
    public var randomFaults: [RandomFault]
    /// Makes every random choice (seeds, jitter, faults, ids) reproducible.
    public var randomSeed: UInt64?
    /// The HTTP service reads an upload's body no faster than this (bits per second), to play
    /// a slow link on loopback; nil reads as fast as the bytes come.
    public var bodyReadBitsPerSecond: Int?
    /// Uploads held for making results at most, in bytes; past it the oldest are let go (their
    /// URLs then answer as expired). Uploads are also let go when their URLs expire.
    public var maxHeldSourceBytes: Int
    /// How long a v2 generation stays pending before it completes or fails (a synchronous
    /// call waits this long before answering).
    public var generationDuration: Duration
    /// Largest accepted `image` of a v2 upscale, in bytes (the contract's 50 MB).
    public var maxV2UploadBytes: Int
    /// Faults drawn per poll of a v2 generation, in order; the first one that fires wins.
    public var randomPollFaults: [RandomPollFault]
    /// Polls allowed in any 10 seconds (the contract's 1,000 per organisation); past it 429
    /// with `Retry-After`.
    public var maxPollsPer10Seconds: Int

    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        acceptedKeys: Set<String>? = ["test-key"],
        latency: Duration = .zero,
        latencyJitter: Duration = .zero,
        maxUploadBytes: Int = 10_000_000,
        maxImagesInFlight: Int = 10,
        urlLifetime: Duration = .seconds(3600),
        expiredStatus: Int = 410,
        scale: Int = 2,
        randomFaults: [RandomFault] = [],
        randomSeed: UInt64? = nil,
        bodyReadBitsPerSecond: Int? = nil,
        maxHeldSourceBytes: Int = 512_000_000,
        generationDuration: Duration = .zero,
        maxV2UploadBytes: Int = 50_000_000,
        randomPollFaults: [RandomPollFault] = [],
        maxPollsPer10Seconds: Int = 1000
    ) {
        self.host = host
        self.port = port
        self.acceptedKeys = acceptedKeys
        self.latency = latency
        self.latencyJitter = latencyJitter
        self.maxUploadBytes = maxUploadBytes
        self.maxImagesInFlight = maxImagesInFlight
        self.urlLifetime = urlLifetime
        self.expiredStatus = expiredStatus
        self.scale = scale
        self.randomFaults = randomFaults
        self.randomSeed = randomSeed
        self.bodyReadBitsPerSecond = bodyReadBitsPerSecond
        self.maxHeldSourceBytes = maxHeldSourceBytes
        self.generationDuration = generationDuration
        self.maxV2UploadBytes = maxV2UploadBytes
        self.randomPollFaults = randomPollFaults
        self.maxPollsPer10Seconds = maxPollsPer10Seconds
    }

    /// Rejects settings the service cannot honour, so a bad CLI flag fails at start, not mid-run.
    public func validate() throws(FakeServiceConfigurationError) {
        func fail(_ message: String) -> FakeServiceConfigurationError { .init(message: message) }
        guard (0...65535).contains(port) else { throw fail("port must be 0...65535 (got \(port))") }
        guard maxUploadBytes > 0 else { throw fail("maxUploadBytes must be positive (got \(maxUploadBytes))") }
        guard maxImagesInFlight > 0 else {
            throw fail("maxImagesInFlight must be positive (got \(maxImagesInFlight))")
        }
        guard scale >= 1 else { throw fail("scale must be at least 1 (got \(scale))") }
        guard expiredStatus == 410 || expiredStatus == 404 else {
            throw fail("expiredStatus must be 410 or 404 (got \(expiredStatus))")
        }
        guard latency >= .zero, latencyJitter >= .zero, urlLifetime > .zero else {
            throw fail("latency and latencyJitter must not be negative, urlLifetime must be positive")
        }
        if let rate = bodyReadBitsPerSecond, rate <= 0 {
            throw fail("bodyReadBitsPerSecond must be positive (got \(rate))")
        }
        guard maxHeldSourceBytes > 0 else { throw fail("maxHeldSourceBytes must be positive (got \(maxHeldSourceBytes))") }
        guard generationDuration >= .zero else { throw fail("generationDuration must not be negative") }
        guard maxPollsPer10Seconds > 0 else { throw fail("maxPollsPer10Seconds must be positive (got \(maxPollsPer10Seconds))") }
        guard maxV2UploadBytes > 0 else { throw fail("maxV2UploadBytes must be positive (got \(maxV2UploadBytes))") }
        for random in randomPollFaults where !(0...1).contains(random.probability) {
            throw fail("poll fault probability must be in 0...1 (got \(random.probability) for \(random.fault))")
        }
        for random in randomFaults where !(0...1).contains(random.probability) {
            throw fail("fault probability must be in 0...1 (got \(random.probability) for \(random.fault))")
        }
    }
}

public struct FakeServiceConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { "invalid fake service configuration: \(message)" }
}
