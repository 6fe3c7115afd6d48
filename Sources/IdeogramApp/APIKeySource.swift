import Foundation
import IdeogramKit

/// Finds the API key: `IDEOGRAM_API_KEY`, else a key file that only its owner can read.
public enum APIKeySource {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case missing(keyFile: String)
        case invalid(source: String, APIKeyError)
        case keyFileTooOpen(path: String, mode: String)
        case keyFileUnreadable(path: String, reason: String)

        public var description: String {
            switch self {
            case .missing(let file):
                "no API key: set IDEOGRAM_API_KEY or put the key in \(file) (mode 600); or try the demo: ideogram-tui --demo"
            case .invalid(let source, let error): "\(source): \(error.description)"
            case .keyFileTooOpen(let path, let mode):
                "\(TerminalSafeText.sanitize(path, limit: 200)) has mode \(mode): others can read the key; run chmod 600 on it"
            case .keyFileUnreadable(let path, let reason): "\(TerminalSafeText.sanitize(path, limit: 200)): \(reason)"
            }
        }
    }

    public static func load(environment: [String: String], keyFile: String) throws(Failure) -> APIKey {
        if let raw = environment["IDEOGRAM_API_KEY"], !raw.isEmpty {
            do { return try APIKey(raw) } catch { throw .invalid(source: "IDEOGRAM_API_KEY", error) }
        }
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
