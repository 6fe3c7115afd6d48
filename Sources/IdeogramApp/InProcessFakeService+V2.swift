import FakeIdeogramCore
import Foundation
import IdeogramClient
import IdeogramKit
import NIOCore
import UpscaleQueue

/// The demo's v2 calls, answered by the fake's backend in this process: its model table,
/// quotes, generations pending then completed or failed, and its ledger of what each billed.
/// The request is checked and sent as `UpscaleClient` sends it (the same form fields and
/// `async=true`), and the answers become what the client would decode.
extension InProcessFakeService: GenerationService {
    public func submitGeneration(
        image: SourceImage,
        request: V2Request,
        endpoint: Endpoint,
        progress: (@Sendable (UploadProgress) -> Void)?
    ) async throws(UpscaleError) -> GenerationAccepted {
        let upload = try await Self.v2Upload(image: image, request: request, endpoint: endpoint, extra: [("async", "true")], progress: progress)
        let outcome = await backend.upscaleV2(model: request.model.rawValue, upload: upload, dryRun: false, credential: key.headerValue())
        // From here on the request was "sent": a cancellation may have been billed.
        if Task.isCancelled { throw .cancelled(requestFullySent: true) }
        switch outcome {
        case .accepted(let body, .whole):
            return GenerationAccepted(generationID: body.generationID, seed: body.seed, width: body.width, height: body.height,
                                      data: body.data?.map(Self.image))
        case .accepted(_, .truncated):
            throw .undecodableAnswer(message: "the answer's JSON ends early")
        case .accepted(_, .closedMidAnswer):
            throw .outcomeUnknown(message: "the connection closed in the middle of the answer")
        case .quoted:
            throw .undecodableAnswer(message: "a price quote came back instead of a generation")
        case .refused(let rejection):
            throw Self.upscaleError(rejection)
        case .plainTextError(let status, let text):
            throw Self.upscaleError(RequestRejection(status: status, message: text))
        }
    }

    public func poll(generationID: String, endpoint: Endpoint) async throws(UpscaleError) -> GenerationPoll {
        guard endpoint.speaksV2 else { throw Self.notOfficial(endpoint) }
        switch backend.pollGeneration(id: generationID, credential: key.headerValue()) {
        case .answered(let body):
            return GenerationPoll(generationID: body.generationID, status: Self.status(body.status), failureReason: body.failureReason,
                                  data: body.data?.map(Self.image), usageCostUSDMicros: body.usageCostUSDMicros)
        case .refused(let rejection):
            throw Self.upscaleError(rejection)
        }
    }

    public func quote(image: SourceImage, request: V2Request, endpoint: Endpoint) async throws(UpscaleError) -> PriceQuote {
        let upload = try await Self.v2Upload(image: image, request: request, endpoint: endpoint, extra: [], progress: nil)
        switch await backend.upscaleV2(model: request.model.rawValue, upload: upload, dryRun: true, credential: key.headerValue()) {
        case .quoted(let body):
            guard let qualifier = PriceQuote.Qualifier(rawValue: body.qualifier) else {
                throw .unexpectedStatus(status: 200, message: "unexpected value at qualifier")
            }
            return PriceQuote(usdMicros: body.usdMicros, qualifier: qualifier, upperBoundUSDMicros: body.upperBoundUSDMicros)
        case .accepted:
            throw .unexpectedStatus(status: 200, message: "a generation came back instead of a price quote")
        case .refused(let rejection):
            throw Self.upscaleError(rejection)
        case .plainTextError(let status, let text):
            throw Self.upscaleError(RequestRejection(status: status, message: text))
        }
    }

    /// The request checked as the client checks it, then its form fields and the image's bytes.
    private static func v2Upload(image: SourceImage, request: V2Request, endpoint: Endpoint, extra: [(name: String, value: String)],
                                 progress: (@Sendable (UploadProgress) -> Void)?) async throws(UpscaleError) -> V2Upload {
        guard endpoint.speaksV2 else { throw notOfficial(endpoint) }
        if let problem = request.problems().first ?? request.sizeProblem(width: image.width, height: image.height) {
            throw .invalidRequest(problem)
        }
        progress?(.connecting)
        let bytes = try await read(image, progress: progress)
        progress?(.waitingForAnswer)
        return V2Upload(image: bytes, filename: image.fileName, contentType: image.format.mimeType, fields: request.formFields + extra)
    }

    private static func notOfficial(_ endpoint: Endpoint) -> UpscaleError {
        .invalidRequest(.invalid(field: "dialect", value: endpoint.dialect.rawValue,
                                 allowed: "official: the v2 models are not passed through by aggregators"))
    }

    private static func image(_ entry: GenerationImageEntry) -> GeneratedImage {
        GeneratedImage(url: entry.url, resolution: entry.resolution, seed: entry.seed, isImageSafe: entry.isImageSafe, assetID: entry.assetID)
    }

    private static func status(_ text: String) -> GenerationPoll.Status {
        switch text {
        case "pending": .pending
        case "completed": .completed
        case "failed": .failed
        default: .other(text)
        }
    }
}
