import ArgumentParser
import IdeogramKit

/// Where requests go: shared by the UI and `upscale`. Each wins over its environment variable
/// and config.toml.
struct ServiceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Service base URL (env IDEOGRAM_BASE_URL, config base_url). Default: \(Endpoint.officialBaseURL) for the official dialect.",
                               valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp("aggregator (POST {base}/ideogram/upscale, Bearer token) or official (POST {base}/upscale, Api-Key). Env IDEOGRAM_DIALECT, config dialect. Default: official.",
                               valueName: "dialect"))
    var dialect: Dialect?
}

/// The settings file and the history: shared by every command.
struct StorageOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Settings file (default: $XDG_CONFIG_HOME/ideogram-tui/config.toml).", valueName: "path"))
    var config: String?

    @Option(help: ArgumentHelp("The history file (env IDEOGRAM_HISTORY, config history_file). Default: $XDG_DATA_HOME/ideogram-tui/history.sqlite.",
                               valueName: "path"))
    var history: String?
}

extension MagicPromptOption: ExpressibleByArgument {
    public init?(argument: String) { self.init(caseInsensitive: argument) }
    public static var allValueStrings: [String] { ["auto", "on", "off"] }
}

extension Dialect: ExpressibleByArgument {}
