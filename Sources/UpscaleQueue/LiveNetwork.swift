import AsyncHTTPClient
import IdeogramKit
import Logging

/// The real network behind a queue: one HTTP client shared by the upscale clients (one per
/// endpoint and key) and the result downloader. Call `shutdown()` once the queue is closed.
public final class LiveNetwork: Sendable {
    public let http: HTTPClient
    public let service: EndpointRouter
    public let downloader: ResultDownloader

    public init(
        credentials: [(endpoint: Endpoint, key: APIKey)],
        timeouts: UpscaleTimeouts = UpscaleTimeouts(),
        downloadTimeout: Duration = .seconds(120),
        logger: Logger = Logger(label: "ideogram.queue")
    ) {
        let http = HTTPClient.forIdeogram(timeouts: timeouts)
        self.http = http
        service = EndpointRouter(credentials.map {
            UpscaleClient(endpoint: $0.endpoint, key: $0.key, http: http, timeouts: timeouts, logger: logger)
        })
        downloader = ResultDownloader(http: http, timeout: downloadTimeout)
    }

    public func shutdown() async throws {
        try await http.shutdown()
    }
}
