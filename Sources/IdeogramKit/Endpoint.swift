/// Where requests go and how they are authorised.
public enum Dialect: String, Sendable, Codable, CaseIterable, Equatable {
    /// An aggregator's pass-through: `POST {base}/ideogram/upscale`, `Authorization: Bearer`.
    case aggregator
    /// Ideogram's own API: `POST {base}/upscale`, `Api-Key`.
    case official

    public var path: String {
        switch self {
        case .aggregator: "/ideogram/upscale"
        case .official: "/upscale"
        }
    }
}

public struct Endpoint: Sendable, Equatable, Codable, CustomStringConvertible {
    public static let officialBaseURL = "https://api.ideogram.ai"

    /// Scheme, host, optional port and path prefix, without a trailing slash.
    public let baseURL: String
    public let dialect: Dialect

    public init(baseURL: String, dialect: Dialect) throws(EndpointError) {
        var base = baseURL.trimmingWhitespace()
        let lower = base.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { throw .notHTTP(baseURL) }
        while base.hasSuffix("/") { base.removeLast() }
        let afterScheme = base.drop(while: { $0 != ":" }).dropFirst(3)
        let host = afterScheme.prefix(while: { $0 != "/" && $0 != ":" && $0 != "?" && $0 != "#" })
        guard !host.isEmpty else { throw .missingHost(baseURL) }
        guard !base.contains("?"), !base.contains("#"), !base.contains(where: { $0.isWhitespace }) else {
            throw .malformed(baseURL)
        }
        self.baseURL = base
        self.dialect = dialect
    }

    /// The official service at its own address.
    public static func official() -> Endpoint {
        // The constant is a valid URL; the force is checked by the tests.
        try! Endpoint(baseURL: officialBaseURL, dialect: .official)
    }

    public var upscaleURL: String { baseURL + dialect.path }

    /// The header that carries the credential, in this dialect's form.
    public func authorizationHeader(for key: APIKey) -> (name: String, value: String) {
        switch dialect {
        case .aggregator: ("Authorization", "Bearer " + key.headerValue())
        case .official: ("Api-Key", key.headerValue())
        }
    }

    public var description: String { "\(upscaleURL) (\(dialect.rawValue))" }
}

public enum EndpointError: Error, Sendable, Equatable, CustomStringConvertible {
    case notHTTP(String)
    case missingHost(String)
    case malformed(String)

    public var description: String {
        switch self {
        case .notHTTP(let url): "base URL \(TerminalSafeText.sanitize(url, limit: 120)) must start with http:// or https://"
        case .missingHost(let url): "base URL \(TerminalSafeText.sanitize(url, limit: 120)) has no host"
        case .malformed(let url): "base URL \(TerminalSafeText.sanitize(url, limit: 120)) must not hold spaces, a query or a fragment"
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
