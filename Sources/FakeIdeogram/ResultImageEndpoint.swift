import Foundation
import Hummingbird

/// `GET /images/<id>.png?exp=..&sig=..`: serves a result as a real PNG of the promised size.
/// Unknown ids and bad signatures get 404; URLs past their expiry get `expiredStatus`.
struct ResultImageEndpoint: Sendable {
    let backend: FakeBackend

    func handle(file: String, query: [String: String]) async -> Response {
        guard file.hasSuffix(".png"), let image = backend.images.image(id: String(file.dropLast(4))) else {
            return JSONAnswer.error(status: 404, message: "no such image")
        }
        guard let expiryText = query["exp"], let expiry = Int(expiryText), let signature = query["sig"],
              expiry == image.expiryUnixSeconds,
              backend.signer.isValid(signature: signature, id: image.id, expiry: expiry)
        else {
            return JSONAnswer.error(status: 404, message: "no such image (the URL signature does not match)")
        }
        guard Date() <= image.expiresAt else {
            return JSONAnswer.error(status: backend.configuration.expiredStatus, message: "the image URL has expired")
        }
        do {
            let png = try backend.images.pngBytes(for: image)
            return Response(status: .ok, headers: [.contentType: "image/png"], body: .init(byteBuffer: png))
        } catch {
            backend.logger.error("could not generate a result image", metadata: ["error": "\(error)"])
            return JSONAnswer.error(status: 500, message: "the fake service could not generate the image")
        }
    }
}
