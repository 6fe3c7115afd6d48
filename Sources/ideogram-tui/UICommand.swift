import ArgumentParser
import Foundation
import IdeogramApp
import IdeogramKit

/// The terminal UI, the default when no subcommand is given.
struct UICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Open the terminal UI (the default): browse, pick, tweak, submit, watch, open.",
        discussion: "Press ? inside for every key. Logs go to $XDG_STATE_HOME/ideogram-tui/ideogram-tui.log."
    )

    @Argument(help: ArgumentHelp("Folder to open (default: the current folder; in the demo, its sample pictures).", valueName: "folder"))
    var folder: String?

    @Flag(help: "Run against the built-in fake service with sample pictures: no key, no network, nothing billed.")
    var demo = false

    @Option(help: ArgumentHelp("Service base URL (overrides config.toml and IDEOGRAM_BASE_URL).", valueName: "url"))
    var baseURL: String?

    @Option(help: "aggregator or official (overrides config.toml and IDEOGRAM_DIALECT).")
    var dialect: Dialect?

    @Option(help: ArgumentHelp("Settings file (default: $XDG_CONFIG_HOME/ideogram-tui/config.toml).", valueName: "path"))
    var config: String?

    @Option(help: ArgumentHelp("History database (default: $XDG_DATA_HOME/ideogram-tui/history.sqlite).", valueName: "path"))
    var history: String?

    @Flag(inversion: .prefixedNo, help: "Mouse clicks focus and select (default: on, or config.toml's mouse).")
    var mouse: Bool?

    func run() async throws {
        var options = AppLaunch.Options()
        options.folder = folder
        options.demo = demo
        options.baseURL = baseURL
        options.dialect = dialect
        options.configPath = config
        options.mouse = mouse
        options.historyPath = history
        if let folder {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("\(TerminalSafeText.sanitize(folder, limit: 200)) is not a folder")
            }
        }
        do {
            try await AppLaunch.run(options: options, environment: ProcessInfo.processInfo.environment)
        } catch {
            FileHandle.standardError.write(Data("ideogram-tui: \(error.description)\n".utf8))
            throw ExitCode(error.exitCode)
        }
    }
}

extension AppLaunch.Failure {
    var exitCode: Int32 {
        switch self {
        case .key: ExitStatus.authorization.rawValue
        case .configuration: ExitStatus.badInput.rawValue
        default: ExitStatus.failure.rawValue
        }
    }
}
