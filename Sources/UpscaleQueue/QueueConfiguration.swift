import IdeogramClient
import IdeogramKit

/// How the queue works; every field has a sensible default.
public struct QueueConfiguration: Sendable {
    /// The service's default limit on images being processed at once per organisation.
    public static let serviceImagesInFlight = 10

    /// Requests in flight at once (uploading or awaiting the answer).
    public var concurrency: Int
    /// Images in flight at once, counting each request's `num_images`; never above the
    /// service's limit, or requests would be refused with 429.
    public var maxImagesInFlight: Int
    public var upscaleRetry: RetryPolicy
    public var downloadRetry: RetryPolicy
    /// Where results are saved unless a job says otherwise.
    public var outputDirectory: String
    public var maxUploadBytes: Int
    /// False: a job is done once its answer is recorded, its results left pending (their URLs
    /// expire within the hour; `retry` fetches them meanwhile). For callers that want URLs only.
    public var savesResults: Bool
    /// The per-image price counted for legacy jobs (an estimate: the legacy API gives no price).
    public var legacyPriceUSDMicros: Int64
    /// Today's spending (local day) a job may not take past; nil: no cap.
    public var maxSpendUSDMicrosPerDay: Int64?

    /// The legacy per-image price when none is configured: $0.06.
    public static let defaultLegacyPriceUSDMicros: Int64 = 60_000

    public init(
        concurrency: Int = 4,
        maxImagesInFlight: Int = QueueConfiguration.serviceImagesInFlight,
        upscaleRetry: RetryPolicy = .upscale,
        downloadRetry: RetryPolicy = .download,
        outputDirectory: String = OutputLocation.defaultDirectory(),
        maxUploadBytes: Int = SourceImage.defaultMaxBytes,
        savesResults: Bool = true,
        legacyPriceUSDMicros: Int64 = QueueConfiguration.defaultLegacyPriceUSDMicros,
        maxSpendUSDMicrosPerDay: Int64? = nil
    ) {
        self.concurrency = concurrency
        self.maxImagesInFlight = maxImagesInFlight
        self.upscaleRetry = upscaleRetry
        self.downloadRetry = downloadRetry
        self.outputDirectory = outputDirectory
        self.maxUploadBytes = maxUploadBytes
        self.savesResults = savesResults
        self.legacyPriceUSDMicros = legacyPriceUSDMicros
        self.maxSpendUSDMicrosPerDay = maxSpendUSDMicrosPerDay
    }

    /// The image limit actually applied: 1...the service's limit.
    var effectiveImageLimit: Int { min(max(1, maxImagesInFlight), Self.serviceImagesInFlight) }
    /// The request limit actually applied: at least 1, and no more requests than images.
    var effectiveConcurrency: Int { min(max(1, concurrency), effectiveImageLimit) }
}
