import FakeIdeogramCore
import Foundation
import Hummingbird

/// `POST /ideogram/upscale` and `POST /upscale`: reads the credential and the multipart form,
/// hands the upload to the backend and writes its outcome. Every request is recorded with the
/// status it got.
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
        let credential = try CredentialCheck.presentedCredential(request.headers, dialect: dialect)
        try backend.checkCredential(credential, dialect: dialect)

        let reader = MultipartUploadReader(
            maxImageBytes: configuration.maxUploadBytes, readBitsPerSecond: configuration.bodyReadBitsPerSecond)
        try reader.checkDeclaredLength(request.headers[.contentLength])
        let boundary = try reader.boundary(fromContentType: request.headers[.contentType])
        let parts = try await reader.readParts(from: request.body, boundary: boundary)
        note(parts, in: &received)

        let form = try UpscaleForm(parts: parts)
        let outcome = await backend.process(form.upload)
        received.note(outcome)
        return OutcomeAnswer.response(for: outcome)
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
}
