import AsyncHTTPClient
import IdeogramClient
import IdeogramKit
import Logging

/// The real network behind a queue: the upscale clients (one per endpoint and key) share one
/// HTTP client, the result downloader has its own, so downloads never wait for a connection
/// held by an upload awaiting its answer (and uploads never wait behind downloads). Call
/// `shutdown()` once the queue is closed.
public final class LiveNetwork: Sendable {
    /// For the upscale requests: redirects off (a redirected POST would bill twice), enough
    /// connections for the most requests a queue sends at once.
    public let http: HTTPClient
    /// For result downloads: plain GETs of signed URLs, which may redirect to a CDN.
    public let downloadHTTP: HTTPClient
    public let service: EndpointRouter
    public let downloader: ResultDownloader

    public init(
        credentials: [(endpoint: Endpoint, key: APIKey)],
        timeouts: UpscaleTimeouts = UpscaleTimeouts(),
        downloadTimeout: Duration = .seconds(120),
        logger: Logger = Logger(label: "ideogram.queue")
    ) {
        let http = HTTPClient.forIdeogram(timeouts: timeouts, connectionsPerHost: QueueConfiguration.serviceImagesInFlight)
        let downloadHTTP = HTTPClient.forIdeogram(timeouts: timeouts, followRedirects: true,
                                                  connectionsPerHost: QueueConfiguration.serviceImagesInFlight)
        self.http = http
        self.downloadHTTP = downloadHTTP
        service = EndpointRouter(credentials.map {
            UpscaleClient(endpoint: $0.endpoint, key: $0.key, http: http, timeouts: timeouts, logger: logger)
        })
        downloader = ResultDownloader(http: downloadHTTP, timeout: downloadTimeout)
    }

    public func shutdown() async throws {
        try await http.shutdown()
        try await downloadHTTP.shutdown()
    }
}
