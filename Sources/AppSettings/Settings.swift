import Foundation
import IdeogramClient
import IdeogramKit
import UpscaleQueue

/// Everything the UI and the commands take from the user's settings, resolved once and the same
/// way for all of them: each setting from the command line, else the environment, else
/// `config.toml`, else its default. The key is read only when asked for (`key.load()`).
public struct Settings: Sendable, Equatable {
    public static let concurrencyRange = 1...QueueConfiguration.serviceImagesInFlight
    public static let maxUploadMBRange = 1...1000
    /// Amounts of money a setting may hold: $0 to $100,000.
    public static let usdMicrosRange: ClosedRange<Int64> = 0...100_000_000_000

    /// The settings file that was read (it may not exist).
    public var configFile: String
    /// Nil: the official service's address (only the official dialect has one).
    public var baseURL: String?
    public var dialect: Dialect
    public var outputDirectory: String
    public var historyPath: String
    public var key: APIKeySource
    public var concurrency: Int
    public var maxUploadBytes: Int
    public var mouse: Bool
    public var colors: Bool
    /// The parameters a request starts from.
    public var defaults: UpscaleRequest
    /// The per-image price counted for legacy jobs, always labelled an estimate (default $0.06).
    public var legacyPriceUSDMicros: Int64
    /// The daily spending cap; nil: none.
    public var maxSpendUSDMicrosPerDay: Int64?
    /// A single job priced over this asks before it is sent (default $1.00).
    public var confirmOverUSDMicros: Int64
    /// The fields each v2 model starts with, checked against the model when read.
    public var modelDefaults: [UpscaleModel: [UpscaleField: FieldValue]]
    /// How previews are drawn (default `auto`: as the terminal answers at start).
    public var previewProtocol: PreviewProtocolSetting = .auto

    public static let defaultConfirmOverUSDMicros: Int64 = 1_000_000

    /// Resolves `flags` (what the command line gave), the environment and the settings file
    /// (`configPath`, else `$XDG_CONFIG_HOME/ideogram-tui/config.toml`; a file named on the
    /// command line must exist).
    public static func resolve(flags: SettingValues = SettingValues(), configPath: String? = nil,
                               environment: [String: String]) throws(ConfigurationError) -> Settings {
        try check(flags)
        let directories = XDGDirectories(environment: environment)
        let configFile = configPath ?? directories.configFile
        let file = try ConfigurationFile.load(path: configFile, required: configPath != nil, directories: directories)
        let layers = [flags, try SettingValues(environment: environment), file]
        func first<Value>(_ value: KeyPath<SettingValues, Value?>) -> Value? { layers.lazy.compactMap { $0[keyPath: value] }.first }
        return Settings(
            configFile: configFile,
            baseURL: first(\.baseURL), dialect: first(\.dialect) ?? .official,
            outputDirectory: first(\.outputDirectory) ?? OutputLocation.defaultDirectory(environment: environment),
            historyPath: first(\.historyPath) ?? QueuePaths.defaultHistoryPath(environment: environment),
            key: APIKeySource(environment: environment, keyFile: first(\.keyFile) ?? directories.keyFile),
            concurrency: first(\.concurrency) ?? 4, maxUploadBytes: first(\.maxUploadBytes) ?? SourceImage.defaultMaxBytes,
            mouse: first(\.mouse) ?? true, colors: first(\.colors) ?? true, defaults: first(\.defaults) ?? UpscaleRequest(),
            legacyPriceUSDMicros: first(\.legacyPriceUSDMicros) ?? QueueConfiguration.defaultLegacyPriceUSDMicros,
            maxSpendUSDMicrosPerDay: first(\.maxSpendUSDMicrosPerDay),
            confirmOverUSDMicros: first(\.confirmOverUSDMicros) ?? defaultConfirmOverUSDMicros,
            modelDefaults: first(\.modelDefaults) ?? [:], previewProtocol: first(\.previewProtocol) ?? .auto)
    }

    /// The command line's numbers, checked as the file's are (the file reader checks its own).
    private static func check(_ flags: SettingValues) throws(ConfigurationError) {
        if let concurrency = flags.concurrency, !concurrencyRange.contains(concurrency) {
            throw ConfigurationError(source: "command line", key: "--concurrency",
                                     problem: "\(concurrency) is out of range: allowed \(concurrencyRange.lowerBound) to \(concurrencyRange.upperBound)")
        }
        if let bytes = flags.maxUploadBytes, !(1...maxUploadMBRange.upperBound * 1_000_000).contains(bytes) {
            throw ConfigurationError(source: "command line", key: "--max-upload-mb",
                                     problem: "\(Double(bytes) / 1_000_000) is out of range: allowed above 0 up to \(maxUploadMBRange.upperBound)")
        }
        if let cap = flags.maxSpendUSDMicrosPerDay, !usdMicrosRange.contains(cap) {
            throw ConfigurationError(source: "command line", key: "--max-spend",
                                     problem: "\(USDMicros.text(cap)) is out of range: allowed $0 to \(USDMicros.text(usdMicrosRange.upperBound))")
        }
    }

    /// The endpoint these settings name; the official service when no base URL is set.
    public func endpoint() throws(ConfigurationError) -> Endpoint {
        guard let base = baseURL ?? (dialect == .official ? Endpoint.officialBaseURL : nil) else {
            throw ConfigurationError(source: "settings", key: "base_url",
                                     problem: "the aggregator dialect needs a base URL (--base-url, IDEOGRAM_BASE_URL or base_url in \(configFile))")
        }
        do { return try Endpoint(baseURL: base, dialect: dialect) } catch {
            throw ConfigurationError(source: "settings", key: "base_url", problem: error.description)
        }
    }

    /// The queue's configuration from these settings.
    public var queueConfiguration: QueueConfiguration {
        QueueConfiguration(concurrency: concurrency, outputDirectory: outputDirectory, maxUploadBytes: maxUploadBytes,
                           legacyPriceUSDMicros: legacyPriceUSDMicros, maxSpendUSDMicrosPerDay: maxSpendUSDMicrosPerDay)
    }
}
