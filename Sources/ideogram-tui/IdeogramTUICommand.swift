import ArgumentParser

@main
struct IdeogramTUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ideogram-tui",
        abstract: "Upscale images through the Ideogram Upscale API.",
        // One line per paragraph: swift-argument-parser wraps each at the terminal's width.
        discussion: """
            With no subcommand it opens the terminal UI on FOLDER (default: the current folder). Try everything \
            without a key or network: ideogram-tui --demo

            The API key is read from IDEOGRAM_API_KEY, else from the key file \
            $XDG_CONFIG_HOME/ideogram-tui/key (mode 600; config.toml's key_file names another), and is never \
            printed in full.

            Settings: $XDG_CONFIG_HOME/ideogram-tui/config.toml (XDG_CONFIG_HOME defaults to ~/.config; --config \
            names another file). An option on the command line wins over the environment, which wins over \
            config.toml, for the UI and every command alike.

            Scripts: ideogram-tui upscale FILE... (see ideogram-tui upscale --help)
            """,
        version: "0.1.0",
        subcommands: [UICommand.self, UpscaleCommand.self, HistoryCommand.self, PreviewCommand.self],
        defaultSubcommand: UICommand.self
    )
}
