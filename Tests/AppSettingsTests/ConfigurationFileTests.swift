import Foundation
import IdeogramKit
import Testing
@testable import AppSettings

@Suite struct ConfigurationFileTests {
    private let directories = XDGDirectories(environment: ["HOME": "/home/me"])

    private func write(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "config-\(UUID().uuidString).toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func readsEverySetting() throws {
        let path = try write("""
            base_url = "https://agg.example.com"
            dialect = "aggregator"
            output_dir = "~/up"
            concurrency = 6
            mouse = false
            colors = false
            max_upload_mb = 25
            key_file = "~/.secret"
            history_file = "~/h.sqlite"
            [defaults]
            prompt = "crisp"
            resemblance = 70
            detail = 20
            magic_prompt = "off"
            num_images = 3
            seed = 42
            """)
        let c = try ConfigurationFile.load(path: path, directories: directories)
        #expect(c.baseURL == "https://agg.example.com" && c.dialect == .aggregator)
        #expect(c.outputDirectory == "/home/me/up" && c.keyFile == "/home/me/.secret" && c.historyPath == "/home/me/h.sqlite")
        #expect(c.concurrency == 6 && c.mouse == false && c.colors == false && c.maxUploadBytes == 25_000_000)
        #expect(c.defaults == UpscaleRequest(prompt: "crisp", resemblance: 70, detail: 20, magicPromptOption: .off, numImages: 3, seed: 42))
    }

    @Test func aMissingFileIsNoErrorUnlessNamed() throws {
        #expect(try ConfigurationFile.load(path: "/nonexistent/config.toml", directories: directories) == SettingValues())
        #expect(throws: ConfigurationError(source: "/nonexistent/config.toml", key: "(file)", problem: "does not exist")) {
            try ConfigurationFile.load(path: "/nonexistent/config.toml", required: true, directories: directories)
        }
    }

    @Test(arguments: [
        ("concurrency = 40", "concurrency: 40 is out of range: allowed 1 to 10"),
        ("dialect = \"soap\"", "dialect: \"soap\" is not \"official\" or \"aggregator\""),
        ("mouse = \"yes\"", "mouse: must be true or false"),
        ("colour = true", "colour: unknown setting"),
        ("[defaults]\nresemblance = 0", "defaults.resemblance: 0 is out of range: allowed 1 to 100"),
        ("[defaults]\nmagic_prompt = \"maybe\"", "defaults.magic_prompt: \"maybe\" is not AUTO, ON or OFF"),
        ("base_url = ", "line 1"),
        // toml++ aborted the program on these (found by the config fuzzer).
        ("mouse = true\n[%defaults]", "line 2: a table name starts with"),
        ("mouse = true\n[\ndefaults]", "line 2: a table name starts with"),
        ("[[  \t", "line 1: a table name starts with"),
        ("_sndu= [}\u{0} 001", "_sndu: must be a single value, not an array or inline table (line 1)"),
        ("mouse = true\n\"a=b\" = { x = 1 }", "\"a=b\": must be a single value, not an array or inline table (line 2)"),
    ])
    func badSettingsNameFileKeyAndRange(text: String, expected: String) throws {
        let path = try write(text)
        do {
            _ = try ConfigurationFile.load(path: path, directories: directories)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.description.hasPrefix(path + ": "))
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }

    @Test func environmentValues() throws {
        let values = try SettingValues(environment: ["IDEOGRAM_BASE_URL": "http://127.0.0.1:9", "IDEOGRAM_DIALECT": "Aggregator", "NO_COLOR": "1",
                                                     "IDEOGRAM_OUTPUT_DIR": "/out", "IDEOGRAM_HISTORY": "/h.sqlite"])
        #expect(values.baseURL == "http://127.0.0.1:9" && values.dialect == .aggregator && values.colors == false)
        #expect(values.outputDirectory == "/out" && values.historyPath == "/h.sqlite")
        #expect(throws: ConfigurationError.self) { try SettingValues(environment: ["IDEOGRAM_DIALECT": "x"]) }
        // Empty variables count as unset.
        #expect(try SettingValues(environment: ["NO_COLOR": "", "IDEOGRAM_BASE_URL": "", "IDEOGRAM_HISTORY": ""]) == SettingValues())
    }

    @Test func xdgDirectoriesFollowTheEnvironment() {
        let d = XDGDirectories(environment: ["HOME": "/h", "XDG_CONFIG_HOME": "/c", "XDG_STATE_HOME": "relative"])
        #expect(d.configFile == "/c/ideogram-tui/config.toml")
        #expect(d.logFile == "/h/.local/state/ideogram-tui/ideogram-tui.log")  // relative values are ignored, per the spec
        #expect(d.data == "/h/.local/share/ideogram-tui")
    }
}

/// `preview_protocol` and `IDEOGRAM_PREVIEW`: how previews are drawn.
@Suite struct PreviewProtocolSettingTests {
    private func write(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "config-\(UUID().uuidString).toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func theFileNamesAProtocolAndTheEnvironmentWins() throws {
        let path = try write("preview_protocol = \"sixel\"\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try Settings.resolve(configPath: path, environment: [:]).previewProtocol == .sixel)
        #expect(try Settings.resolve(configPath: path, environment: ["IDEOGRAM_PREVIEW": "Kitty"]).previewProtocol == .kitty)
        #expect(try Settings.resolve(configPath: path, environment: ["IDEOGRAM_PREVIEW": ""]).previewProtocol == .sixel)
        let none = NSTemporaryDirectory() + "absent-\(UUID().uuidString).toml"
        #expect(try Settings.resolve(flags: SettingValues(), environment: ["XDG_CONFIG_HOME": none]).previewProtocol == .auto)
    }

    @Test func aWrongValueNamesTheKeyAndWhatIsAllowed() throws {
        let path = try write("preview_protocol = \"pixels\"\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let allowed = "is not one of \"auto\", \"kitty\", \"sixel\", \"iterm2\", \"symbols\""
        #expect(throws: ConfigurationError(source: path, key: "preview_protocol", problem: "\"pixels\" \(allowed)")) {
            try Settings.resolve(configPath: path, environment: [:])
        }
        #expect(throws: ConfigurationError(source: "environment", key: "IDEOGRAM_PREVIEW", problem: "\"blocks\" \(allowed)")) {
            try SettingValues(environment: ["IDEOGRAM_PREVIEW": "blocks"])
        }
        let number = try write("preview_protocol = 4\n")
        defer { try? FileManager.default.removeItem(atPath: number) }
        #expect(throws: ConfigurationError(source: number, key: "preview_protocol", problem: "must be a string in quotes")) {
            try Settings.resolve(configPath: number, environment: [:])
        }
    }
}
