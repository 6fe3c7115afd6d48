import FakeIdeogramCore
import Foundation
import Hummingbird

/// `POST /v2/image/upscale/{model}` (`?dry_run=true` for a quote) and
/// `GET /v2/generations/{id}`: the official dialect only (Api-Key). Every call is logged
/// with its status, also when it is refused before the backend sees it.
struct V2Endpoints: Sendable {
    let backend: FakeBackend

    func upscale(_ request: Request, model: String) async throws -> Response {
        let dryRun = request.uri.queryParameters["dry_run"].map { $0 == "true" } ?? false
        do {
            let upload = try await readUpload(request)
            return OutcomeAnswer.response(for: await backend.processV2(model: model, upload: upload, dryRun: dryRun))
        } catch let rejection as RequestRejection {
            backend.logV2(ReceivedV2Call(kind: dryRun ? .quote : .upscale, model: model, status: rejection.status))
            return JSONAnswer.error(rejection)
        } catch {
            // The body could not be read (the client went away): nothing can be answered.
            backend.logV2(ReceivedV2Call(kind: dryRun ? .quote : .upscale, model: model, status: 400))
            throw error
        }
    }

    func poll(_ request: Request, id: String) -> Response {
        do {
            let credential = try CredentialCheck.presentedCredential(request.headers, dialect: .official)
            try backend.checkCredential(credential, dialect: .official)
        } catch {
            backend.logV2(ReceivedV2Call(kind: .poll, status: error.status, generationID: id))
            return JSONAnswer.error(error)
        }
        return OutcomeAnswer.response(for: backend.processPoll(id: id))
    }

    private func readUpload(_ request: Request) async throws -> V2Upload {
        let credential = try CredentialCheck.presentedCredential(request.headers, dialect: .official)
        try backend.checkCredential(credential, dialect: .official)
        let reader = MultipartUploadReader(
            maxImageBytes: backend.configuration.maxV2UploadBytes, readBitsPerSecond: backend.configuration.bodyReadBitsPerSecond,
            imagePartName: V2Form.imagePartName)
        try reader.checkDeclaredLength(request.headers[.contentLength])
        let boundary = try reader.boundary(fromContentType: request.headers[.contentType])
        return try V2Form.upload(from: try await reader.readParts(from: request.body, boundary: boundary))
    }
}
