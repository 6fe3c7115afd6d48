import Foundation
import IdeogramClient
import IdeogramKit
import Testing
@testable import AppSettings

/// Each setting comes from the command line, else the environment, else config.toml, else its
/// default, for the UI and every command alike.
@Suite struct SettingsTests {
    /// A home folder with a config.toml holding `text` (and nothing else of the user's).
    private func home(config text: String?) throws -> String {
        let home = NSTemporaryDirectory() + "settings-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: home + "/.config/ideogram-tui", withIntermediateDirectories: true)
        if let text { try text.write(toFile: home + "/.config/ideogram-tui/config.toml", atomically: true, encoding: .utf8) }
        return home
    }

    private let fullConfig = """
        base_url = "http://config.example"
        dialect = "aggregator"
        output_dir = "/config/out"
        history_file = "/config/history.sqlite"
        key_file = "~/config-key"
        concurrency = 2
        max_upload_mb = 20
        mouse = false
        colors = false
        """

    private let fullEnvironment = [
        "IDEOGRAM_BASE_URL": "http://env.example", "IDEOGRAM_DIALECT": "official", "IDEOGRAM_OUTPUT_DIR": "/env/out",
        "IDEOGRAM_HISTORY": "/env/history.sqlite", "NO_COLOR": "1",
    ]

    private var fullFlags: SettingValues {
        var flags = SettingValues()
        flags.baseURL = "http://flag.example"
        flags.dialect = .aggregator
        flags.outputDirectory = "/flag/out"
        flags.historyPath = "/flag/history.sqlite"
        flags.concurrency = 7
        flags.maxUploadBytes = 3_000_000
        flags.mouse = true
        return flags
    }

    @Test func defaultsWhenNothingIsSet() throws {
        let home = try home(config: nil)
        let settings = try Settings.resolve(environment: ["HOME": home])
        #expect(settings.baseURL == nil && settings.dialect == .official)
        #expect(try settings.endpoint() == Endpoint.official())
        #expect(settings.outputDirectory == home + "/.local/share/ideogram-tui/results")
        #expect(settings.historyPath == home + "/.local/share/ideogram-tui/history.sqlite")
        #expect(settings.key.keyFile == home + "/.config/ideogram-tui/key")
        #expect(settings.concurrency == 4 && settings.maxUploadBytes == SourceImage.defaultMaxBytes)
        #expect(settings.mouse && settings.colors && settings.defaults == UpscaleRequest())
    }

    @Test func configFileOverDefaults() throws {
        let home = try home(config: fullConfig)
        let settings = try Settings.resolve(environment: ["HOME": home])
        #expect(settings.baseURL == "http://config.example" && settings.dialect == .aggregator)
        #expect(try settings.endpoint().upscaleURL == "http://config.example/ideogram/upscale")
        #expect(settings.outputDirectory == "/config/out" && settings.historyPath == "/config/history.sqlite")
        #expect(settings.key.keyFile == home + "/config-key")
        #expect(settings.concurrency == 2 && settings.maxUploadBytes == 20_000_000 && !settings.mouse && !settings.colors)
    }

    @Test func environmentOverConfigFile() throws {
        let home = try home(config: fullConfig)
        let settings = try Settings.resolve(environment: fullEnvironment.merging(["HOME": home]) { $1 })
        #expect(settings.baseURL == "http://env.example" && settings.dialect == .official)
        #expect(settings.outputDirectory == "/env/out" && settings.historyPath == "/env/history.sqlite")
        #expect(!settings.colors)
        // No variables for these: the file's values stand.
        #expect(settings.concurrency == 2 && settings.maxUploadBytes == 20_000_000 && !settings.mouse)
    }

    @Test func commandLineOverEnvironmentAndConfigFile() throws {
        let home = try home(config: fullConfig)
        let settings = try Settings.resolve(flags: fullFlags, environment: fullEnvironment.merging(["HOME": home]) { $1 })
        #expect(settings.baseURL == "http://flag.example" && settings.dialect == .aggregator)
        #expect(settings.outputDirectory == "/flag/out" && settings.historyPath == "/flag/history.sqlite")
        #expect(settings.concurrency == 7 && settings.maxUploadBytes == 3_000_000 && settings.mouse)
    }

    /// What `upscale` gained: config.toml's base_url and key file work for it as for the UI.
    @Test func theKeyFileAndBaseURLFromConfigReachEveryCaller() throws {
        let home = try home(config: "base_url = \"http://127.0.0.1:8080\"\nkey_file = \"~/my-key\"")
        try "sk-file-0123456789abcd\n".write(toFile: home + "/my-key", atomically: true, encoding: .utf8)
        chmod(home + "/my-key", 0o600)
        let settings = try Settings.resolve(environment: ["HOME": home])
        #expect(try settings.endpoint().upscaleURL == "http://127.0.0.1:8080/upscale")
        #expect(try settings.key.load().headerValue() == "sk-file-0123456789abcd")
        // IDEOGRAM_API_KEY wins over the file.
        let fromEnvironment = try Settings.resolve(environment: ["HOME": home, "IDEOGRAM_API_KEY": "sk-env-0123456789abcd"])
        #expect(try fromEnvironment.key.load().headerValue() == "sk-env-0123456789abcd")
    }

    @Test func aConfigFileNamedOnTheCommandLineIsUsedAndMustExist() throws {
        let home = try home(config: "concurrency = 3")
        let other = home + "/other.toml"
        try "concurrency = 9".write(toFile: other, atomically: true, encoding: .utf8)
        #expect(try Settings.resolve(configPath: other, environment: ["HOME": home]).concurrency == 9)
        #expect(throws: ConfigurationError(source: home + "/missing.toml", key: "(file)", problem: "does not exist")) {
            try Settings.resolve(configPath: home + "/missing.toml", environment: ["HOME": home])
        }
    }

    @Test func badValuesNameTheirSourceAndKey() throws {
        let home = try home(config: "concurrency = 30")
        #expect(throws: ConfigurationError(source: home + "/.config/ideogram-tui/config.toml", key: "concurrency",
                                           problem: "30 is out of range: allowed 1 to 10")) {
            try Settings.resolve(environment: ["HOME": home])
        }
        let clean = try self.home(config: nil)
        var flags = SettingValues()
        flags.concurrency = 11
        #expect(throws: ConfigurationError(source: "command line", key: "--concurrency", problem: "11 is out of range: allowed 1 to 10")) {
            try Settings.resolve(flags: flags, environment: ["HOME": clean])
        }
        #expect(throws: ConfigurationError.self) { try Settings.resolve(environment: ["HOME": clean, "IDEOGRAM_DIALECT": "soap"]) }
    }

    @Test func theAggregatorNeedsABaseURL() throws {
        let home = try home(config: "dialect = \"aggregator\"")
        let settings = try Settings.resolve(environment: ["HOME": home])
        #expect(throws: ConfigurationError.self) { try settings.endpoint() }
    }
}
