import Foundation
import IdeogramKit
import Testing
import UpscaleQueue
@testable import AppSettings

/// The money keys of config.toml (prices, the daily cap, the confirmation threshold) and the
/// per-model field defaults.
@Suite struct MoneySettingsTests {
    private let directories = XDGDirectories(environment: ["HOME": "/home/me"])

    private func write(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "config-\(UUID().uuidString).toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func load(_ text: String) throws -> SettingValues {
        try ConfigurationFile.load(path: try write(text), directories: directories)
    }

    private func problem(_ text: String) throws -> String? {
        let path = try write(text)
        do {
            _ = try ConfigurationFile.load(path: path, directories: directories)
            return nil
        } catch {
            #expect(error.source == path)
            return "\(error.key): \(error.problem)"
        }
    }

    @Test func defaultsWhenTheFileSaysNothing() throws {
        let home = NSTemporaryDirectory() + "money-\(UUID().uuidString.prefix(8))"
        let settings = try Settings.resolve(environment: ["HOME": home])
        #expect(settings.legacyPriceUSDMicros == 60_000)
        #expect(settings.maxSpendUSDMicrosPerDay == nil)
        #expect(settings.confirmOverUSDMicros == 1_000_000)
        #expect(settings.modelDefaults.isEmpty)
        #expect(settings.queueConfiguration.legacyPriceUSDMicros == 60_000 && settings.queueConfiguration.maxSpendUSDMicrosPerDay == nil)
    }

    @Test func legacyPriceIsReadInDollars() throws {
        #expect(try load("legacy_price_usd = 0.08").legacyPriceUSDMicros == 80_000)
        #expect(try load("legacy_price_usd = 1").legacyPriceUSDMicros == 1_000_000, "a whole number of dollars")
        #expect(try problem("legacy_price_usd = -0.01") == "legacy_price_usd: -0.01 is out of range: allowed $0.00 to $100000.00")
        #expect(try problem("legacy_price_usd = \"cheap\"") == "legacy_price_usd: must be an amount in dollars, e.g. 0.06")
    }

    @Test func theDailyCapIsReadAndReachesTheQueue() throws {
        #expect(try load("max_spend_usd_per_day = 4.5").maxSpendUSDMicrosPerDay == 4_500_000)
        #expect(try problem("max_spend_usd_per_day = true") == "max_spend_usd_per_day: must be an amount in dollars, e.g. 0.06")
        let path = try write("max_spend_usd_per_day = 4.5\nlegacy_price_usd = 0.07")
        let settings = try Settings.resolve(configPath: path, environment: ["HOME": "/home/me"])
        #expect(settings.queueConfiguration.maxSpendUSDMicrosPerDay == 4_500_000)
        #expect(settings.queueConfiguration.legacyPriceUSDMicros == 70_000)
    }

    @Test func theCommandLineCapWinsOverTheFile() throws {
        let path = try write("max_spend_usd_per_day = 4.5")
        var flags = SettingValues()
        flags.maxSpendUSDMicrosPerDay = 2_000_000
        #expect(try Settings.resolve(flags: flags, configPath: path, environment: ["HOME": "/home/me"]).maxSpendUSDMicrosPerDay == 2_000_000)
        flags.maxSpendUSDMicrosPerDay = -1
        #expect(throws: ConfigurationError.self) { try Settings.resolve(flags: flags, configPath: path, environment: ["HOME": "/home/me"]) }
    }

    @Test func confirmOverIsRead() throws {
        #expect(try load("confirm_over_usd = 0.25").confirmOverUSDMicros == 250_000)
        #expect(try problem("confirm_over_usd = [1]") == "confirm_over_usd: must be a single value, not an array or inline table (line 1)")
    }

    @Test func modelDefaultsAreParsedAsTheCommandLineParsesThem() throws {
        let values = try load("""
            [models.topaz-standard-2]
            denoise = 0.3
            upscale_factor = "x4"
            subject_detection = "foreground"
            face_enhancement = false
            [models.topaz-bloom-2]
            creativity = 5
            color_preservation = true
            prompt = "film grain"
            [models.nano-banana-pro]
            resolution_tier = "4k"
            """)
        #expect(values.modelDefaults == [
            .topazStandard2: [.denoise: .decimal(0.3), .upscaleFactor: .choice("x4"), .subjectDetection: .choice("foreground"),
                              .faceEnhancement: .toggle(false)],
            .topazBloom2: [.creativity: .integer(5), .colorPreservation: .toggle(true), .prompt: .text("film grain")],
            .nanoBananaPro: [.resolutionTier: .choice("4K")],
        ])
    }

    @Test(arguments: [
        ("[models.topaz-standard-2]\nseed = 3", "models.topaz-standard-2.seed: topaz-standard-2 does not take seed"),
        ("[models.topaz-standard-2]\nloudness = 3", "models.topaz-standard-2.loudness: topaz-standard-2 does not take loudness"),
        ("[models.topaz-standard-2]\nupscale_factor = \"x3\"", "models.topaz-standard-2.upscale_factor: upscale_factor x3 is not valid: allowed x2, x4, x8"),
        ("[models.topaz-standard-2]\ndenoise = 1.5", "models.topaz-standard-2.denoise: denoise 1.5 is out of range: allowed 0 to 1"),
        ("[models.topaz-bloom-2]\ncreativity = 0.5", "models.topaz-bloom-2.creativity: creativity 0.5 is not valid: allowed 1 to 9"),
        ("[models.topaz-wonder-3-5]\nenhancement_strength = [1]", "models.topaz-wonder-3-5.enhancement_strength: must be a single value, not an array or inline table (line 2)"),
        ("[models.topaz-unknown]\ndenoise = 0.3", "models.topaz-unknown: not a model"),
        ("models = 3", "models: must be tables"),
    ])
    func aBadModelDefaultIsRefusedNamingTheKey(text: String, expected: String) throws {
        let message = try #require(try problem(text))
        #expect(message.hasPrefix(expected), "\(message)")
    }
}
