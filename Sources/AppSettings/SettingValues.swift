import Foundation
import IdeogramKit

/// The settings one source gives (the command line, the environment or `config.toml`); nil
/// where that source says nothing. `Settings.resolve` takes the first value given.
public struct SettingValues: Sendable, Equatable {
    public var baseURL: String?
    public var dialect: Dialect?
    public var outputDirectory: String?
    public var historyPath: String?
    public var keyFile: String?
    public var concurrency: Int?
    public var maxUploadBytes: Int?
    public var mouse: Bool?
    public var colors: Bool?
    /// The parameters a request starts from (`[defaults]` in the file only).
    public var defaults: UpscaleRequest?
    /// `legacy_price_usd`: the per-image price counted (as an estimate) for legacy jobs.
    public var legacyPriceUSDMicros: Int64?
    /// `--max-spend`, `max_spend_usd_per_day`: the daily spending cap.
    public var maxSpendUSDMicrosPerDay: Int64?
    /// `confirm_over_usd`: a single job over this price asks first (the UI).
    public var confirmOverUSDMicros: Int64?
    /// `[models.<model>]`: the fields each v2 model's form starts with (the file only).
    public var modelDefaults: [UpscaleModel: [UpscaleField: FieldValue]]?
    /// `IDEOGRAM_PREVIEW`, `preview_protocol`: how previews are drawn.
    public var previewProtocol: PreviewProtocolSetting?

    public init() {}

    /// `IDEOGRAM_BASE_URL`, `IDEOGRAM_DIALECT`, `IDEOGRAM_OUTPUT_DIR`, `IDEOGRAM_HISTORY`, `IDEOGRAM_PREVIEW` and
    /// `NO_COLOR`; an empty variable counts as unset. (The key, `IDEOGRAM_API_KEY`, is read by
    /// `APIKeySource`.)
    public init(environment: [String: String]) throws(ConfigurationError) {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        baseURL = value("IDEOGRAM_BASE_URL")
        if let text = value("IDEOGRAM_DIALECT") {
            guard let parsed = Dialect(rawValue: text.lowercased()) else {
                throw ConfigurationError(source: "environment", key: "IDEOGRAM_DIALECT",
                                         problem: "\(TerminalSafeText.sanitize(text, limit: 40)) is not aggregator or official")
            }
            dialect = parsed
        }
        outputDirectory = value("IDEOGRAM_OUTPUT_DIR")
        historyPath = value("IDEOGRAM_HISTORY")
        if let text = value("IDEOGRAM_PREVIEW") {
            previewProtocol = try PreviewProtocolSetting.parse(TerminalSafeText.sanitize(text, limit: 40), source: "environment", key: "IDEOGRAM_PREVIEW")
        }
        // no-color.org: any non-empty value turns colour off.
        if value("NO_COLOR") != nil { colors = false }
    }
}

/// A setting that cannot be used, with where it came from: a file's path, "environment" or
/// "command line", and the key, variable or option.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var source: String
    public var key: String
    public var problem: String

    public init(source: String, key: String, problem: String) {
        self.source = source
        self.key = key
        self.problem = problem
    }

    /// Made safe whole: the key and the problem may quote the file's text.
    public var description: String { TerminalSafeText.sanitize("\(source): \(key): \(problem)", limit: 1000) }
}
