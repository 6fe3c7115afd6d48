import ArgumentParser
import Foundation
import IdeogramKit

@main
struct IdeogramTUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ideogram-tui",
        abstract: "Upscale images through the Ideogram Upscale API.",
        discussion: """
            With no subcommand it opens the terminal UI on FOLDER (default: the current folder).
            Try everything without a key or network: ideogram-tui --demo
            The API key is read from IDEOGRAM_API_KEY or ~/.config/ideogram-tui/key (mode 600) and
            is never printed in full. Settings: ~/.config/ideogram-tui/config.toml.
            Scripts: ideogram-tui upscale FILE... (see ideogram-tui upscale --help)
            """,
        version: "0.1.0",
        subcommands: [UICommand.self, UpscaleCommand.self, HistoryCommand.self, PreviewCommand.self],
        defaultSubcommand: UICommand.self
    )

    /// `upscale` is what scripts start once per call, so it skips this root: a plain command
    /// line is read by `UpscaleQuickParse` (swift-argument-parser's reflection cost about 8 ms
    /// at every start), any other by `UpscaleCommand.parse` alone (the root's completion-script
    /// check and command tree cost about 1 ms more). Help and anything that does not parse take
    /// the usual way, so usage, messages and exit codes are the root's. The network's one-time
    /// costs start meanwhile on another thread (`NetworkWarmUp`).
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "upscale" {
            NetworkWarmUp.start()
            let rest = Array(arguments.dropFirst())
            if let options = UpscaleQuickParse.options(rest) ?? (try? UpscaleCommand.parse(rest))?.options {
                await options.run()
            }
        }
        await main(nil)
    }
}
