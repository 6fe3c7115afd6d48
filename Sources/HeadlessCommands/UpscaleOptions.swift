import IdeogramKit
import UpscaleQueue

/// What `upscale`'s command line says, as plain values. The settings it shares with the UI
/// (where to send, the output folder, the history, concurrency, the upload limit) are nil when
/// not given, so `Settings` takes them from the environment or `config.toml`.
public struct UpscaleOptions: Equatable, Sendable {
    public var files: [String] = []
    public var prompt: String?
    public var resemblance = UpscaleRequest.defaultResemblance
    public var detail = UpscaleRequest.defaultDetail
    public var magicPrompt = MagicPromptOption.auto
    public var magicPromptVersion: String?
    public var seed: Int?
    public var numImages = 1
    public var timeout = 180
    public var maxAttempts = RetryPolicy.upscale.maxAttempts
    public var resume = false
    public var force = false
    public var json = false
    public var noDownload = false

    public var baseURL: String?
    public var dialect: Dialect?
    public var out: String?
    public var maxUploadMb: Double?
    public var concurrency: Int?
    public var historyPath: String?
    public var configPath: String?

    public static let defaults = UpscaleOptions()

    public init() {}

    /// The one rule that needs more than a single option.
    public var isComplete: Bool { !files.isEmpty || resume }
}
