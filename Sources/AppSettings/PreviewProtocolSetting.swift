/// `preview_protocol` in config.toml, `IDEOGRAM_PREVIEW` in the environment: how the UI draws
/// previews. `auto` asks the terminal at start (character cells inside tmux or screen).
public enum PreviewProtocolSetting: String, Sendable, Equatable, CaseIterable {
    case auto
    case kitty
    case sixel
    case iterm2
    /// Character cells, as every terminal shows.
    case symbols

    static var allowed: String { allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ") }

    /// The value read from `source` (a file's path or "environment") for `key`.
    static func parse(_ text: String, source: String, key: String) throws(ConfigurationError) -> PreviewProtocolSetting {
        guard let setting = PreviewProtocolSetting(rawValue: text.lowercased()) else {
            throw ConfigurationError(source: source, key: key, problem: "\"\(text)\" is not one of \(allowed)")
        }
        return setting
    }
}
