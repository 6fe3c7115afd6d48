import IdeogramKit
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// How long the client waits. The service can take a minute or more to upscale.
public struct UpscaleTimeouts: Sendable, Equatable {
    public var connect: Duration
    /// From the start of the call to the end of the answer.
    public var overall: Duration

    public init(connect: Duration = .seconds(10), overall: Duration = .seconds(180)) {
        self.connect = connect
        self.overall = overall
    }
}

/// Speaks the Upscale API: one multipart POST per call, the answer decoded or mapped to one
/// typed error.
public final class UpscaleClient: Sendable {
    /// The largest answer body read; a real one is a few kilobytes.
    static let maxAnswerBytes = 4 * 1024 * 1024
    public static let userAgent = "ideogram-tui/0.1"

    public let endpoint: Endpoint
    private let key: APIKey
    private let http: HTTPClient
    private let timeouts: UpscaleTimeouts
    private let logger: Logger

    /// `http` is the caller's; make one with `HTTPClient.forIdeogram(timeouts:)` so the connect
    /// timeout applies, and shut it down when done.
    public init(endpoint: Endpoint, key: APIKey, http: HTTPClient, timeouts: UpscaleTimeouts = .init(),
                logger: Logger = Logger(label: "ideogram.client")) {
        self.endpoint = endpoint
        self.key = key
        self.http = http
        self.timeouts = timeouts
        self.logger = logger
    }

    /// Uploads one image with one request and returns the service's answer.
    ///
    /// Nothing is sent when the request is invalid. `progress` is called from the HTTP client's
    /// threads as the body is taken and when the whole body has been handed over.
    public func upscale(
        image: SourceImage,
        request: UpscaleRequest,
        progress: (@Sendable (UploadProgress) -> Void)? = nil
    ) async throws(UpscaleError) -> UpscaleResult {
        do { try request.validate() } catch { throw .invalidRequest(error) }

        logger.debug("upscale", metadata: [
            "url": "\(endpoint.upscaleURL)", "file": "\(image.fileName)", "bytes": "\(image.byteCount)",
            "request": "\(request.jsonString())",
        ])
        let body = MultipartBody(image: image, requestJSON: request.jsonString())
        return try Self.decode(await post(body, to: endpoint.upscaleURL, progress: progress))
    }

    /// Sends a multipart body and returns the 200 answer's bytes; any other status, or a
    /// failure, becomes the `UpscaleError` that says whether it may have been billed.
    func post(_ body: MultipartBody, to url: String,
              progress: (@Sendable (UploadProgress) -> Void)?) async throws(UpscaleError) -> [UInt8] {
        let tracker = UploadTracker(total: body.length, onProgress: progress)
        var httpRequest = request(url, method: .POST)
        httpRequest.headers.add(name: "Content-Type", value: body.contentType)
        httpRequest.body = .stream(TrackedBody(pieces: body.pieces(), tracker: tracker, eventLoops: http.eventLoopGroup), length: .known(Int64(body.length)))
        progress?(.connecting)
        return try await answer(to: httpRequest, fullySent: { tracker.isComplete })
    }

    /// A request with the key, the content types accepted and the client's name.
    func request(_ url: String, method: HTTPMethod) -> HTTPClientRequest {
        var httpRequest = HTTPClientRequest(url: url)
        httpRequest.method = method
        let auth = endpoint.authorizationHeader(for: key)
        httpRequest.headers.add(name: auth.name, value: auth.value)
        httpRequest.headers.add(name: "Accept", value: "application/json")
        httpRequest.headers.add(name: "User-Agent", value: Self.userAgent)
        return httpRequest
    }

    /// Runs a request and returns the 200 answer's bytes, or throws the mapped error.
    func answer(to httpRequest: HTTPClientRequest, fullySent: () -> Bool) async throws(UpscaleError) -> [UInt8] {
        do {
            let response = try await http.execute(httpRequest, timeout: .nanoseconds(timeouts.overall.nanoseconds))
            let status = Int(response.status.code)
            // Past this point the request reached the service: a lost body may have been billed.
            let bytes: ByteBuffer
            do {
                bytes = try await response.body.collect(upTo: Self.maxAnswerBytes)
            } catch {
                throw Self.afterAnswerStarted(error, status: status)
            }
            let raw = Array(bytes.readableBytesView)
            guard status == 200 else {
                throw ErrorAnswer.error(status: status, retryAfterHeader: response.headers.first(name: "Retry-After"), body: raw)
            }
            return raw
        } catch let error as UpscaleError {
            logger.debug("request failed", metadata: ["error": "\(error)"])
            throw error
        } catch let changed as SourceFileChanged {
            // Cut short before the body was complete: the service never took it, nothing billed.
            throw .invalidImage(.unreadable(path: changed.path, reason: changed.reason))
        } catch {
            let mapped = Self.map(error, fullySent: fullySent(), timeouts: timeouts, address: endpoint.baseURL)
            logger.debug("request failed", metadata: ["error": "\(mapped)", "cause": "\(String(describing: error))"])
            throw mapped
        }
    }

    static func decode(_ raw: [UInt8]) throws(UpscaleError) -> UpscaleResult {
        let result: UpscaleResult = try decodeAnswer(raw)
        guard !result.images.isEmpty else { throw .undecodableAnswer(message: "the answer holds no images") }
        return result
    }

    /// A failure while the answer's body was being read: the service took the request.
    static func afterAnswerStarted(_ error: any Error, status: Int) -> UpscaleError {
        if error is CancellationError { return .cancelled(requestFullySent: true) }
        if let http = error as? HTTPClientError, http == .cancelled { return .cancelled(requestFullySent: true) }
        if status != 200 {
            return ErrorAnswer.error(status: status, retryAfterHeader: nil, body: Array("the answer was cut off".utf8))
        }
        return .outcomeUnknown(message: "the answer was cut off (\(describe(error)))")
    }

    /// Maps a failure from the HTTP client by whether the body had been fully handed over.
    static func map(_ error: any Error, fullySent: Bool, timeouts: UpscaleTimeouts, address: String? = nil) -> UpscaleError {
        if error is CancellationError { return .cancelled(requestFullySent: fullySent) }
        if let http = error as? HTTPClientError {
            switch http {
            case .cancelled: return .cancelled(requestFullySent: fullySent)
            case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout:
                let seconds = Int(timeouts.overall.components.seconds)
                return fullySent
                    ? .outcomeUnknown(message: "no answer within \(seconds) s")
                    : .timeout(seconds: http == .connectTimeout ? Int(timeouts.connect.components.seconds) : seconds)
            default: break
            }
        }
        let text = describe(error, address: address)
        return fullySent ? .outcomeUnknown(message: text) : .network(message: text)
    }

    static func describe(_ error: any Error, address: String? = nil) -> String {
        if let http = error as? HTTPClientError {
            switch http {
            case .remoteConnectionClosed: return "the connection was closed by the server"
            case .connectTimeout: return "connecting timed out"
            default: break
            }
        }
        if let connection = ConnectionFailureText.describe(error, address: address) { return connection }
        return TerminalSafeText.sanitize(String(describing: error), limit: 160)
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

extension HTTPClient {
    /// An HTTP client with the connect timeout applied and redirects off: a redirected POST
    /// would upload (and bill) again. `connectionsPerHost` bounds the requests it runs at once
    /// to one host (more wait for a connection).
    public static func forIdeogram(timeouts: UpscaleTimeouts = .init(), followRedirects: Bool = false,
                                   connectionsPerHost: Int = 8) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .nanoseconds(timeouts.connect.nanoseconds))
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(1, connectionsPerHost)
        configuration.redirectConfiguration = followRedirects ? .follow(max: 5, allowCycles: false) : .disallow
        configuration.decompression = .disabled
        // A refused connection fails at once: the queue retries with its own backoff, shown to
        // the user, instead of the client retrying silently until the connect timeout (a wrong
        // port made every attempt take 10 s).
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }
}
