import FakeIdeogramCore
import Hummingbird

/// Reads the credential an upscale presents in its dialect's header: 401 when it is missing or
/// malformed. Whether it is accepted is the backend's call. Messages never repeat the key.
enum CredentialCheck {
    static let apiKeyField = HTTPFields.Element.Name("Api-Key")!

    static func presentedCredential(_ headers: HTTPFields, dialect: UpscaleDialect) throws(RequestRejection) -> String {
        switch dialect {
        case .aggregator:
            guard let authorization = headers[.authorization] else {
                let hint = headers[apiKeyField] != nil ? " (this endpoint does not read Api-Key)" : ""
                throw RequestRejection(status: 401, message: "missing Authorization header: send Authorization: Bearer <token>\(hint)")
            }
            let (scheme, token) = authorization.trimmingWhitespace().splitOnce(" ")
            guard scheme.lowercased() == "bearer", let token else {
                throw RequestRejection(status: 401, message: "the Authorization header must have the form Bearer <token>")
            }
            return token.trimmingWhitespace()
        case .official:
            guard let key = headers[apiKeyField] else {
                let hint = headers[.authorization] != nil ? " (this endpoint does not read Authorization)" : ""
                throw RequestRejection(status: 401, message: "missing Api-Key header: send Api-Key: <key>\(hint)")
            }
            return key.trimmingWhitespace()
        }
    }
}
