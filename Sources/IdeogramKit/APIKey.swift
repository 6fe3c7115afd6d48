/// An API key or aggregator token. It never appears in full in a description, a log line or
/// on screen: printing it shows at most the last four characters.
public struct APIKey: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    private let secret: String

    /// Trims surrounding white space (key files end in a newline) and refuses keys that could
    /// not travel in an HTTP header.
    public init(_ raw: String) throws(APIKeyError) {
        let trimmed = raw.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw .empty }
        guard trimmed.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else { throw .invalidCharacters }
        secret = trimmed
    }

    /// The value for the HTTP header; the one place the whole key is read.
    public func headerValue() -> String { secret }

    /// `…abcd` for keys long enough that four characters give nothing away; `…` otherwise.
    public var redacted: String {
        secret.count >= 12 ? "…" + String(secret.suffix(4)) : "…"
    }

    public var description: String { "APIKey(\(redacted))" }
    public var debugDescription: String { description }
}

public enum APIKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case invalidCharacters

    public var description: String {
        switch self {
        case .empty: "the API key is empty"
        case .invalidCharacters: "the API key holds spaces or characters that cannot be sent in a header"
        }
    }
}
