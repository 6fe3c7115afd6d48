import Foundation
import IdeogramKit

/// The current API's calls: a generation sent with `async=true` (answered as soon as it is
/// accepted), a free price quote of the same request, and the poll of a generation.
extension UpscaleClient {
    /// Sends the image to the model. Returns once the service has accepted the work: from then
    /// on the job has a `generation_id`, is polled, and is never sent again.
    public func submitGeneration(image: SourceImage, request: V2Request,
                                 progress: (@Sendable (UploadProgress) -> Void)? = nil) async throws(UpscaleError) -> GenerationAccepted {
        let body = try v2Body(image: image, request: request, extra: [("async", "true")])
        let accepted: GenerationAccepted = try Self.decodeAnswer(await post(body, to: endpoint.v2UpscaleURL(request.model), progress: progress))
        guard !accepted.generationID.isEmpty else { throw .undecodableAnswer(message: "the answer holds no generation_id") }
        return accepted
    }

    /// What the same request would cost (`?dry_run=true`): nothing runs, nothing is billed.
    public func quote(image: SourceImage, request: V2Request) async throws(UpscaleError) -> PriceQuote {
        let body = try v2Body(image: image, request: request, extra: [])
        return try Self.decodeAnswer(await post(body, to: endpoint.v2UpscaleURL(request.model, dryRun: true), progress: nil), billed: false)
    }

    /// Where a generation stands. A lost poll costs nothing: it is simply asked again.
    public func poll(generationID: String) async throws(UpscaleError) -> GenerationPoll {
        guard endpoint.speaksV2 else { throw Self.notOfficial(endpoint) }
        let raw = try await answer(to: request(endpoint.generationURL(generationID), method: .GET), fullySent: { false })
        return try Self.decodeAnswer(raw, billed: false)
    }

    private func v2Body(image: SourceImage, request: V2Request, extra: [(String, String)]) throws(UpscaleError) -> MultipartBody {
        guard endpoint.speaksV2 else { throw Self.notOfficial(endpoint) }
        if let problem = request.problems().first ?? request.sizeProblem(width: image.width, height: image.height) {
            throw .invalidRequest(problem)
        }
        let fields = request.formFields.map { ($0.name, $0.value) } + extra
        return MultipartBody(image: image, imagePart: "image", fields: fields.map { (name: $0.0, value: $0.1) })
    }

    static func notOfficial(_ endpoint: Endpoint) -> UpscaleError {
        .invalidRequest(.invalid(field: "dialect", value: endpoint.dialect.rawValue,
                                 allowed: "official: the v2 models are not passed through by aggregators"))
    }

    /// Decodes a 200 answer, naming what is missing or malformed; unknown fields are ignored.
    /// An unreadable answer to a billed call may have been billed (`undecodableAnswer`); to a
    /// free one (a quote, a poll) it is only an unexpected answer.
    static func decodeAnswer<Answer: Decodable>(_ raw: [UInt8], billed: Bool = true) throws(UpscaleError) -> Answer {
        let problem: String
        do {
            return try JSONDecoder().decode(Answer.self, from: Data(raw))
        } catch let DecodingError.keyNotFound(key, _) {
            problem = "the answer lacks \"\(key.stringValue)\""
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            problem = "unexpected value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        } catch {
            problem = "not JSON: \(TerminalSafeText.sanitize(String(decoding: raw.prefix(120), as: UTF8.self), limit: 80))"
        }
        throw billed ? .undecodableAnswer(message: problem) : .unexpectedStatus(status: 200, message: problem)
    }
}
