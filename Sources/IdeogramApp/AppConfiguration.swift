import Foundation
import IdeogramClient
import IdeogramKit

/// Settings from `config.toml`, then the environment, then flags: each later source wins.
public struct AppConfiguration: Sendable, Equatable {
    public var baseURL: String?
    public var dialect: Dialect = .official
    public var outputDirectory: String?
    public var concurrency = 4
    public var mouse = true
    public var colors = true
    public var maxUploadBytes = SourceImage.defaultMaxBytes
    public var keyFile: String?
    /// The parameters the editor starts with.
    public var defaults = UpscaleRequest()

    public init() {}

    /// The endpoint these settings name; the official service when no base URL is set.
    public func endpoint() throws(ConfigurationError) -> Endpoint {
        guard let base = baseURL ?? (dialect == .official ? Endpoint.officialBaseURL : nil) else {
            throw ConfigurationError(source: "settings", key: "base_url", problem: "the aggregator dialect needs a base URL (base_url, IDEOGRAM_BASE_URL or --base-url)")
        }
        do { return try Endpoint(baseURL: base, dialect: dialect) } catch {
            throw ConfigurationError(source: "settings", key: "base_url", problem: error.description)
        }
    }

    /// Applies `IDEOGRAM_BASE_URL`, `IDEOGRAM_DIALECT`, `IDEOGRAM_OUTPUT_DIR` and `NO_COLOR`.
    public mutating func apply(environment: [String: String]) throws(ConfigurationError) {
        if let base = environment["IDEOGRAM_BASE_URL"], !base.isEmpty { baseURL = base }
        if let text = environment["IDEOGRAM_DIALECT"], !text.isEmpty {
            guard let parsed = Dialect(rawValue: text.lowercased()) else {
                throw ConfigurationError(source: "environment", key: "IDEOGRAM_DIALECT", problem: "\(TerminalSafeText.sanitize(text, limit: 40)) is not aggregator or official")
            }
            dialect = parsed
        }
        if let out = environment["IDEOGRAM_OUTPUT_DIR"], !out.isEmpty { outputDirectory = out }
        // no-color.org: any non-empty value turns colour off.
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { colors = false }
    }
}

/// A setting that cannot be used, with where it came from.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var source: String
    public var key: String
    public var problem: String

    public init(source: String, key: String, problem: String) {
        self.source = source
        self.key = key
        self.problem = problem
    }

    public var description: String { "\(TerminalSafeText.sanitize(source, limit: 200)): \(key): \(problem)" }
}
