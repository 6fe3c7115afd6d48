import Foundation
import IdeogramKit
import TOMLKit

/// Reads `config.toml` (its keys: docs/configuration.md). A missing file is no error; a malformed
/// one or a bad value is, naming the file, the key and what is allowed.
public enum ConfigurationFile {
    /// The file's settings; none when it does not exist, unless the user named it (`required`).
    public static func load(path: String, required: Bool = false, directories: XDGDirectories) throws(ConfigurationError) -> SettingValues {
        guard FileManager.default.fileExists(atPath: path) else {
            if required { throw ConfigurationError(source: path, key: "(file)", problem: "does not exist") }
            return SettingValues()
        }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ConfigurationError(source: path, key: "(file)", problem: "cannot be read as UTF-8 text")
        }
        if let line = TableHeaderCheck.firstBadHeaderLine(text) {
            throw ConfigurationError(source: path, key: "line \(line)", problem: "a table name starts with a letter, a digit, _, - or a quote")
        }
        if let found = TableHeaderCheck.firstCompoundValue(text) {
            throw ConfigurationError(source: path, key: TerminalSafeText.sanitize(found.key, limit: 100),
                                     problem: "must be a single value, not an array or inline table (line \(found.line))")
        }
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw ConfigurationError(source: path, key: "line \(error.source.begin.line)", problem: TerminalSafeText.sanitize(error.description, limit: 200))
        } catch {
            throw ConfigurationError(source: path, key: "(file)", problem: "is not valid TOML")
        }
        return try values(table, path: path, directories: directories)
    }

    static func values(_ table: TOMLTable, path: String, directories: XDGDirectories) throws(ConfigurationError) -> SettingValues {
        var c = SettingValues()
        let reader = TableReader(table: table, path: path, prefix: "")
        for key in table.keys where !topLevelKeys.contains(key) {
            throw ConfigurationError(source: path, key: key, problem: "unknown setting (known: \(topLevelKeys.sorted().joined(separator: ", ")))")
        }
        if let base = try reader.string("base_url") { c.baseURL = base }
        if let dialect = try reader.string("dialect") {
            guard let parsed = Dialect(rawValue: dialect.lowercased()) else {
                throw ConfigurationError(source: path, key: "dialect", problem: "\"\(dialect)\" is not \"official\" or \"aggregator\"")
            }
            c.dialect = parsed
        }
        if let out = try reader.string("output_dir") { c.outputDirectory = directories.expandingTilde(out) }
        if let n = try reader.int("concurrency", in: Settings.concurrencyRange) { c.concurrency = n }
        if let mouse = try reader.bool("mouse") { c.mouse = mouse }
        if let colors = try reader.bool("colors") { c.colors = colors }
        if let mb = try reader.int("max_upload_mb", in: Settings.maxUploadMBRange) { c.maxUploadBytes = mb * 1_000_000 }
        if let keyFile = try reader.string("key_file") { c.keyFile = directories.expandingTilde(keyFile) }
        if let history = try reader.string("history_file") { c.historyPath = directories.expandingTilde(history) }
        if let text = try reader.string("preview_protocol") {
            c.previewProtocol = try PreviewProtocolSetting.parse(text, source: path, key: "preview_protocol")
        }
        try readMoney(reader, into: &c)
        if let models = table["models"] {
            c.modelDefaults = try modelDefaults(models, path: path)
        }
        if let defaults = table["defaults"] {
            guard let sub = defaults.table else {
                throw ConfigurationError(source: path, key: "defaults", problem: "must be a table: [defaults]")
            }
            var request = UpscaleRequest()
            try applyDefaults(TableReader(table: sub, path: path, prefix: "defaults."), to: &request)
            c.defaults = request
        }
        return c
    }

    private static func applyDefaults(_ r: TableReader, to d: inout UpscaleRequest) throws(ConfigurationError) {
        for key in r.table.keys where !defaultsKeys.contains(key) {
            throw ConfigurationError(source: r.path, key: "defaults." + key, problem: "unknown setting (known: \(defaultsKeys.sorted().joined(separator: ", ")))")
        }
        if let prompt = try r.string("prompt") { d.prompt = prompt }
        if let v = try r.int("resemblance", in: UpscaleRequest.resemblanceRange) { d.resemblance = v }
        if let v = try r.int("detail", in: UpscaleRequest.detailRange) { d.detail = v }
        if let v = try r.int("num_images", in: UpscaleRequest.numImagesRange) { d.numImages = v }
        if let v = try r.int("seed", in: UpscaleRequest.seedRange) { d.seed = v }
        if let text = try r.string("magic_prompt") {
            guard let option = MagicPromptOption(caseInsensitive: text) else {
                throw ConfigurationError(source: r.path, key: "defaults.magic_prompt", problem: "\"\(text)\" is not AUTO, ON or OFF")
            }
            d.magicPromptOption = option
        }
    }

    static let topLevelKeys: Set<String> = ["base_url", "dialect", "output_dir", "concurrency", "mouse", "colors", "max_upload_mb", "key_file", "history_file", "defaults",
                                            "legacy_price_usd", "max_spend_usd_per_day", "confirm_over_usd", "models", "preview_protocol"]
    static let defaultsKeys: Set<String> = ["prompt", "resemblance", "detail", "magic_prompt", "num_images", "seed"]
}

/// Typed reads from one TOML table, each failure naming the key and the expected type.
struct TableReader {
    let table: TOMLTable
    let path: String
    let prefix: String

    func string(_ key: String) throws(ConfigurationError) -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else { throw wrongType(key, "a string in quotes") }
        return text
    }

    func bool(_ key: String) throws(ConfigurationError) -> Bool? {
        guard let value = table[key] else { return nil }
        guard let flag = value.bool else { throw wrongType(key, "true or false") }
        return flag
    }

    /// Dollars (`0.06`, `5`) as millionths of a dollar, within `range` (micro-dollars).
    func usd(_ key: String, in range: ClosedRange<Int64>) throws(ConfigurationError) -> Int64? {
        guard let value = table[key] else { return nil }
        guard let dollars = value.double ?? value.int.map(Double.init), dollars.isFinite else { throw wrongType(key, "an amount in dollars, e.g. 0.06") }
        let micros = (dollars * 1_000_000).rounded()
        guard micros >= Double(range.lowerBound), micros <= Double(range.upperBound) else {
            throw ConfigurationError(source: path, key: prefix + key,
                                     problem: "\(dollars) is out of range: allowed \(USDMicros.text(range.lowerBound)) to \(USDMicros.text(range.upperBound))")
        }
        return Int64(micros)
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
        guard let value = table[key] else { return nil }
        guard let number = value.int else { throw wrongType(key, "a whole number") }
        guard range.contains(number) else {
            throw ConfigurationError(source: path, key: prefix + key, problem: "\(number) is out of range: allowed \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    private func wrongType(_ key: String, _ expected: String) -> ConfigurationError {
        ConfigurationError(source: path, key: prefix + key, problem: "must be \(expected)")
    }
}
