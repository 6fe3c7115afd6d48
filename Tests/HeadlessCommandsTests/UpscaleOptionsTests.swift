import Foundation
import IdeogramKit
import Testing
@testable import AppSettings
@testable import HeadlessCommands

/// `upscale` takes its settings as the UI does: its options, then the environment, then
/// config.toml (the key file and base_url included), then the defaults.
@Suite struct UpscaleOptionsTests {
    private func home(config text: String) throws -> String {
        let home = NSTemporaryDirectory() + "upscale-options-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: home + "/.config/ideogram-tui", withIntermediateDirectories: true)
        try text.write(toFile: home + "/.config/ideogram-tui/config.toml", atomically: true, encoding: .utf8)
        return home
    }

    private func resumeOnly() -> UpscaleOptions {
        var options = UpscaleOptions()
        options.resume = true
        return options
    }

    @Test func theConfigFilesKeyFileAndBaseURLWorkForUpscale() throws {
        let home = try home(config: """
            base_url = "http://127.0.0.1:8080"
            dialect = "aggregator"
            key_file = "~/key"
            output_dir = "/config/out"
            concurrency = 3
            """)
        try "sk-file-0123456789abcd".write(toFile: home + "/key", atomically: true, encoding: .utf8)
        chmod(home + "/key", 0o600)
        let options = resumeOnly()
        let plan = try options.makePlan(settings: try options.settings(environment: ["HOME": home]))
        #expect(plan.endpoint.upscaleURL == "http://127.0.0.1:8080/ideogram/upscale")
        #expect(plan.key.headerValue() == "sk-file-0123456789abcd")
        #expect(plan.queueConfiguration.outputDirectory == "/config/out" && plan.queueConfiguration.concurrency == 3)
        #expect(plan.historyPath == home + "/.local/share/ideogram-tui/history.sqlite")
    }

    @Test func optionsWinOverTheEnvironmentAndTheFile() throws {
        let home = try home(config: "base_url = \"http://config.example\"\nconcurrency = 3\nmax_upload_mb = 20")
        var options = resumeOnly()
        options.baseURL = "http://flag.example"
        options.dialect = .official
        options.out = "/flag/out"
        options.concurrency = 5
        options.maxUploadMb = 2.5
        options.historyPath = "/flag/h.sqlite"
        options.noDownload = true
        options.maxAttempts = 2
        let environment = ["HOME": home, "IDEOGRAM_BASE_URL": "http://env.example", "IDEOGRAM_OUTPUT_DIR": "/env/out",
                           "IDEOGRAM_HISTORY": "/env/h.sqlite", "IDEOGRAM_API_KEY": "sk-env-0123456789abcd"]
        let plan = try options.makePlan(settings: try options.settings(environment: environment))
        #expect(plan.endpoint.upscaleURL == "http://flag.example/upscale")
        #expect(plan.queueConfiguration.outputDirectory == "/flag/out" && plan.queueConfiguration.concurrency == 5)
        #expect(plan.queueConfiguration.maxUploadBytes == 2_500_000 && !plan.queueConfiguration.savesResults)
        #expect(plan.queueConfiguration.upscaleRetry.maxAttempts == 2)
        #expect(plan.historyPath == "/flag/h.sqlite")
        #expect(plan.key.headerValue() == "sk-env-0123456789abcd")
    }

    @Test func failuresCarryTheirExitStatus() throws {
        let home = try home(config: "concurrency = 99")
        let options = resumeOnly()
        #expect(throws: CommandFailure.self) { try options.settings(environment: ["HOME": home]) }
        do { _ = try options.settings(environment: ["HOME": home]) } catch {
            #expect(error.status == .badInput && error.message.contains("config.toml: concurrency: 99 is out of range"))
        }

        var huge = resumeOnly()
        huge.maxUploadMb = .nan
        #expect(throws: CommandFailure(.badInput, "--max-upload-mb nan is out of range: allowed above 0 up to 1000")) {
            try huge.settings(environment: ["HOME": NSTemporaryDirectory()])
        }

        let noKey = try options.settings(environment: ["HOME": try self.home(config: "")])
        do {
            _ = try options.makePlan(settings: noKey)
            Issue.record("planned without a key")
        } catch {
            #expect(error.status == .authorization && error.message.contains("no API key"))
        }
    }
}
