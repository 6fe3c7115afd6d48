import ArgumentParser

@main
struct IdeogramTUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ideogram-tui",
        abstract: "Upscale images through the Ideogram Upscale API.",
        discussion: """
            With no subcommand it opens the terminal UI on FOLDER (default: the current
            folder). Try everything without a key or network: ideogram-tui --demo
            The API key is read from IDEOGRAM_API_KEY or ~/.config/ideogram-tui/key
            (mode 600) and is never printed in full.
            Settings: ~/.config/ideogram-tui/config.toml. An option on the command line
            wins over the environment, which wins over config.toml, for the UI and every
            command alike.
            Scripts: ideogram-tui upscale FILE... (see ideogram-tui upscale --help)
            """,
        version: "0.1.0",
        subcommands: [UICommand.self, UpscaleCommand.self, HistoryCommand.self, PreviewCommand.self],
        defaultSubcommand: UICommand.self
    )
}
