import ArgumentParser
import Foundation
import HeadlessCommands
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

    @OptionGroup var service: ServiceOptions
    @OptionGroup var storage: StorageOptions

    @Flag(inversion: .prefixedNo, help: "Mouse clicks focus and select (default: on, or config.toml's mouse).")
    var mouse: Bool?

    func run() async throws {
        var options = AppLaunch.Options()
        options.folder = folder
        options.demo = demo
        options.settings.baseURL = service.baseURL
        options.settings.dialect = service.dialect
        options.settings.historyPath = storage.history
        options.settings.mouse = mouse
        options.configPath = storage.config
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
            throw error.exitStatus.exitCode
        }
    }
}

extension AppLaunch.Failure {
    var exitStatus: ExitStatus {
        switch self {
        case .key: .authorization
        case .configuration: .badInput
        default: .failure
        }
    }
}
