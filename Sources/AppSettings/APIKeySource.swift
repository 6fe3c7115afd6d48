import Foundation
import IdeogramKit

/// Where the API key comes from: `IDEOGRAM_API_KEY`, else a key file that only its owner can
/// read. Read when a command needs the key, so one that does not (`history`) never fails on it.
public struct APIKeySource: Sendable, Equatable {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case missing(keyFile: String)
        case invalid(source: String, APIKeyError)
        case keyFileTooOpen(path: String, mode: String)
        case keyFileUnreadable(path: String, reason: String)

        public var description: String {
            switch self {
            case .missing(let file):
                "no API key: set IDEOGRAM_API_KEY or put the key in \(TerminalSafeText.sanitize(file, limit: 200)) (mode 600); or try the demo: ideogram-tui --demo"
            case .invalid(let source, let error): "\(TerminalSafeText.sanitize(source, limit: 200)): \(error.description)"
            case .keyFileTooOpen(let path, let mode):
                "\(TerminalSafeText.sanitize(path, limit: 200)) has mode \(mode): others can read the key; run chmod 600 on it"
            case .keyFileUnreadable(let path, let reason): "\(TerminalSafeText.sanitize(path, limit: 200)): \(reason)"
            }
        }
    }

    /// `IDEOGRAM_API_KEY` already checked, so the raw text is never kept; nil when unset or empty.
    private let environmentKey: Result<APIKey, APIKeyError>?
    /// The file read when the environment has no key.
    public let keyFile: String

    public init(environment: [String: String], keyFile: String) {
        environmentKey = environment["IDEOGRAM_API_KEY"].flatMap { raw in
            raw.isEmpty ? nil : Result { () throws(APIKeyError) in try APIKey(raw) }
        }
        self.keyFile = keyFile
    }

    public func load() throws(Failure) -> APIKey {
        switch environmentKey {
        case .success(let key): return key
        case .failure(let error): throw .invalid(source: "IDEOGRAM_API_KEY", error)
        case nil: return try Self.read(keyFile)
        }
    }

    private static func read(_ keyFile: String) throws(Failure) -> APIKey {
        var info = stat()
        guard stat(keyFile, &info) == 0 else {
            if errno == ENOENT { throw .missing(keyFile: keyFile) }
            throw .keyFileUnreadable(path: keyFile, reason: String(cString: strerror(errno)))
        }
        // Group or world access to a secret is refused, as ssh does for private keys.
        if info.st_mode & 0o077 != 0 {
            throw .keyFileTooOpen(path: keyFile, mode: String(info.st_mode & 0o777, radix: 8))
        }
        let text: String
        do { text = try String(contentsOfFile: keyFile, encoding: .utf8) } catch {
            throw .keyFileUnreadable(path: keyFile, reason: "cannot be read as text")
        }
        do { return try APIKey(text) } catch { throw .invalid(source: keyFile, error) }
    }
}
