import Hummingbird

/// The two ways of presenting a key: the aggregator's Bearer token and the official Api-Key.
enum UpscaleDialect: String, Sendable {
    case aggregator
    case official
}

/// Checks the credential of an upscale: 401 when missing or malformed, 403 when not accepted.
/// Messages never repeat the key.
enum CredentialCheck {
    static let apiKeyField = HTTPFields.Element.Name("Api-Key")!

    static func verify(_ headers: HTTPFields, dialect: UpscaleDialect, acceptedKeys: Set<String>?) throws(RequestRejection) {
        let credential = try presentedCredential(headers, dialect: dialect)
        guard !credential.isEmpty else { throw RequestRejection(status: 401, message: "the credential is empty") }
        if let acceptedKeys, !acceptedKeys.contains(credential) {
            let what = dialect == .aggregator ? "Bearer token" : "Api-Key"
            throw RequestRejection(status: 403, message: "the \(what) is not accepted: it is unknown or not authorised")
        }
    }

    private static func presentedCredential(_ headers: HTTPFields, dialect: UpscaleDialect) throws(RequestRejection) -> String {
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
