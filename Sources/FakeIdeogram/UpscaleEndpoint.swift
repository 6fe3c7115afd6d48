import Foundation
import Hummingbird

/// `POST /ideogram/upscale` and `POST /upscale`: checks a request as strictly as the real
/// service, applies any fault, waits out the latency under the in-flight limit and answers.
/// Every request is recorded with the status it got.
struct UpscaleEndpoint: Sendable {
    let backend: FakeBackend

    func handle(_ request: Request, dialect: UpscaleDialect) async throws -> Response {
        var received = ReceivedUpscale(dialect: dialect.rawValue, receivedAt: Date())
        let response: Response
        do {
            response = try await process(request, dialect: dialect, received: &received)
        } catch let rejection as RequestRejection {
            response = JSONAnswer.error(rejection)
        } catch {
            // The body could not be read (the client went away): nothing can be answered.
            received.status = 400
            backend.record(received)
            throw error
        }
        received.status = response.status.code
        backend.record(received)
        return response
    }

    private func process(_ request: Request, dialect: UpscaleDialect, received: inout ReceivedUpscale) async throws -> Response {
        let configuration = backend.configuration
        try CredentialCheck.verify(request.headers, dialect: dialect, acceptedKeys: configuration.acceptedKeys)

        let reader = MultipartUploadReader(maxImageBytes: configuration.maxUploadBytes)
        try reader.checkDeclaredLength(request.headers[.contentLength])
        let boundary = try reader.boundary(fromContentType: request.headers[.contentType])
        let parts = try await reader.readParts(from: request.body, boundary: boundary)
        note(parts, in: &received)

        let form = try UpscaleForm(parts: parts)
        let parameters = try UpscaleParameters(imageRequestJSON: form.imageRequestJSON)
        let source = try ImageFormatSniffer.sniff(form.image.body)
        try form.checkImageHeaders(against: source)
        return await answer(parameters, source: source)
    }

    /// Records what arrived, even when the form turns out to be invalid.
    private func note(_ parts: [FormPart], in received: inout ReceivedUpscale) {
        if let image = parts.first(where: { $0.name == UpscaleForm.imagePartName }) {
            received.filename = image.filename
            received.contentType = image.contentType
            received.imageBytes = image.body.readableBytes
        }
        if let request = parts.first(where: { $0.name == UpscaleForm.requestPartName }) {
            received.imageRequestJSON = String(decoding: request.body.readableBytesView, as: UTF8.self)
        }
    }

    private func answer(_ parameters: UpscaleParameters, source: SniffedImage) async -> Response {
        let fault = backend.nextFault()
        if let fault, let response = FaultAnswer.errorResponse(for: fault) { return response }

        guard backend.reserveInFlight(parameters.numImages) else {
            let limit = backend.configuration.maxImagesInFlight
            return JSONAnswer.error(
                status: 429, message: "Too many images in flight: the limit is \(limit) images at once",
                rejectReason: "inflight_limit")
        }
        defer { backend.releaseInFlight(parameters.numImages) }
        if case .delay(let extra)? = fault { try? await Task.sleep(for: extra) }
        let latency = backend.upscaleLatency()
        if latency > .zero { try? await Task.sleep(for: latency) }

        let entries = ResultIssuer(backend: backend).entries(for: parameters, source: source, withheld: fault == .unsafeImage)
        let body = UpscaleAnswerBody(created: Timestamp.iso8601WithMilliseconds(Date()), data: entries)
        guard let json = try? JSONAnswer.encoder().encode(body) else {
            return JSONAnswer.error(status: 500, message: "the fake service could not encode its answer")
        }
        switch fault {
        case .malformedBody?: return FaultAnswer.malformed(json)
        case .closeMidAnswer?: return FaultAnswer.closingMidAnswer(json)
        default: return JSONAnswer.response(status: 200, body: json)
        }
    }
}
