import FakeIdeogramCore
import Foundation
import IdeogramClient
import IdeogramKit
import NIOCore
import UpscaleQueue

/// The demo's upscale calls, answered by the fake service's backend in this process instead of
/// over HTTP: the same checks, faults, latency and in-flight limit, without a server to start
/// or a web framework in the program. The upload is read in slices as a real one is sent, with
/// progress, and the outcome is mapped to the errors the HTTP client would give.
public struct InProcessFakeService: UpscaleService {
    /// Slices the upload is read and reported in.
    static let sliceBytes = 256 * 1024

    let backend: FakeBackend
    let key: APIKey

    public init(backend: FakeBackend, key: APIKey) {
        self.backend = backend
        self.key = key
    }

    public func upscale(
        image: SourceImage,
        request: UpscaleRequest,
        endpoint: Endpoint,
        progress: (@Sendable (UploadProgress) -> Void)?
    ) async throws(UpscaleError) -> UpscaleResult {
        do { try request.validate() } catch { throw .invalidRequest(error) }
        progress?(.connecting)
        let bytes = try await Self.read(image, progress: progress)
        progress?(.waitingForAnswer)
        let upload = UpscaleUpload(image: bytes, filename: image.fileName, contentType: image.format.mimeType,
                                   imageRequestJSON: request.jsonString())
        let dialect: UpscaleDialect = endpoint.dialect == .aggregator ? .aggregator : .official
        let outcome = await backend.upscale(upload, credential: key.headerValue(), dialect: dialect)
        // From here on the request was "sent": a cancellation may have been billed.
        if Task.isCancelled { throw .cancelled(requestFullySent: true) }
        return try Self.result(of: outcome)
    }

    /// The image's bytes, in slices with progress; a cancellation before the last slice is one
    /// before the request was fully sent.
    static func read(_ image: SourceImage, progress: (@Sendable (UploadProgress) -> Void)?) async throws(UpscaleError) -> ByteBuffer {
        if let bytes = image.bytes {
            progress?(.uploading(sent: bytes.readableBytes, total: bytes.readableBytes))
            return bytes
        }
        guard let file = FileHandle(forReadingAtPath: image.path) else {
            throw .invalidImage(.unreadable(path: image.path, reason: "it could not be opened again"))
        }
        defer { try? file.close() }
        var buffer = ByteBufferAllocator().buffer(capacity: image.byteCount)
        while buffer.readableBytes < image.byteCount {
            if Task.isCancelled { throw .cancelled(requestFullySent: false) }
            let slice: Data?
            do { slice = try file.read(upToCount: sliceBytes) } catch {
                throw .invalidImage(.unreadable(path: image.path, reason: String(describing: error)))
            }
            guard let slice, !slice.isEmpty else { break }
            buffer.writeBytes(slice)
            progress?(.uploading(sent: buffer.readableBytes, total: image.byteCount))
            await Task.yield()
        }
        guard buffer.readableBytes == image.byteCount else {
            throw .invalidImage(.unreadable(path: image.path, reason: "it changed size while it was read"))
        }
        return buffer
    }

    /// What the HTTP client would make of the answer.
    static func result(of outcome: UpscaleOutcome) throws(UpscaleError) -> UpscaleResult {
        switch outcome {
        case .answered(let body, .whole):
            return UpscaleResult(created: body.created, images: body.data.map {
                UpscaledImage(seed: $0.seed, prompt: $0.prompt, resolution: $0.resolution, url: $0.url, isImageSafe: $0.isImageSafe)
            })
        case .answered(_, .truncated):
            throw .undecodableAnswer(message: "the answer's JSON ends early")
        case .answered(_, .closedMidAnswer):
            throw .outcomeUnknown(message: "the connection closed in the middle of the answer")
        case .refused(let rejection):
            throw upscaleError(rejection)
        case .plainTextError(let status, let text):
            throw upscaleError(RequestRejection(status: status, message: text))
        }
    }

    /// The contract's status table, as the HTTP client reads it.
    static func upscaleError(_ rejection: RequestRejection) -> UpscaleError {
        let message = TerminalSafeText.sanitize(rejection.message)
        let rejectReason = rejection.rejectReason
        let retryAfter = rejection.retryAfter
        switch rejection.status {
        case 400: return .badRequest(message: message)
        case 401, 403: return .unauthorized(status: rejection.status, message: message)
        case 402: return .outOfCredit(reason: rejectReason.map { TerminalSafeText.sanitize($0, limit: 60) }, message: message)
        case 413: return .tooLarge(message: message)
        case 422: return .rejectedBySafety(message: message)
        case 429 where rejection.maxInflightRequests != nil:
            // The v2 limit with its figure: the queue keeps its images in progress under it.
            return .inflightLimit(maxInflightImages: rejection.maxInflightRequests, retryAfter: retryAfter, message: message)
        case 429: return .rateLimited(retryAfter: retryAfter, message: message)
        case 500...599: return .serverError(status: rejection.status, message: message)
        default: return .unexpectedStatus(status: rejection.status, message: message)
        }
    }
}
