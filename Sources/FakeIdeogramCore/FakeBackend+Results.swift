import Foundation
import NIOCore

extension FakeBackend {
    /// The PNG behind a result URL `/images/<file>?exp=<expiry>&sig=<signature>`: the source
    /// enlarged to the promised size. Unknown ids and bad signatures are 404; URLs past their
    /// expiry get `expiredStatus`, as does a result whose upload was let go to bound memory.
    public func resultPNG(file: String, expiry expiryText: String?, signature: String?) throws(RequestRejection) -> ByteBuffer {
        guard file.hasSuffix(".png"), let image = images.image(id: String(file.dropLast(4))) else {
            throw RequestRejection(status: 404, message: "no such image")
        }
        guard let expiryText, let expiry = Int(expiryText), let signature, expiry == image.expiryUnixSeconds,
              signer.isValid(signature: signature, id: image.id, expiry: expiry)
        else {
            throw RequestRejection(status: 404, message: "no such image (the URL signature does not match)")
        }
        guard Date() <= image.expiresAt else {
            throw RequestRejection(status: configuration.expiredStatus, message: "the image URL has expired")
        }
        do {
            return try images.pngBytes(for: image)
        } catch {
            switch error {
            case .sourceReleased:
                let bound = configuration.maxHeldSourceBytes / 1_000_000
                throw RequestRejection(
                    status: configuration.expiredStatus,
                    message: "the image is gone: the fake service keeps at most \(bound) MB of uploads and let this one go")
            case .encoding(let reason):
                logger.error("could not make a result image", metadata: ["error": "\(reason)"])
                throw RequestRejection(status: 500, message: "the fake service could not make the image")
            }
        }
    }
}
