/// Whether the service may rewrite the prompt before upscaling.
public enum MagicPromptOption: String, Sendable, Codable, CaseIterable, Equatable {
    case auto = "AUTO"
    case on = "ON"
    case off = "OFF"

    /// Accepts the API spelling in any case: `auto`, `On`, `OFF`.
    public init?(caseInsensitive text: String) {
        self.init(rawValue: text.uppercased())
    }
}
