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
    /// Asks the price of every file instead of upscaling (v2 models only).
    public var quote = false
    /// `--max-spend`: today's spending (dollars) no job may take past; wins over `max_spend_usd_per_day`.
    public var maxSpend: Double?

    /// `legacy` (the `image_request` options above) or a v2 model (`fields`, `prompt`, `seed`).
    public var model = ModelOption.legacy
    /// The v2 fields given, as typed; parsed and checked against the model in `v2Request`.
    public var fields: [UpscaleField: String] = [:]
    /// The legacy-only options given on the command line (e.g. `--resemblance`), refused with a v2 model.
    public var legacyOptionsGiven: [String] = []

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

/// `--model`: the legacy endpoint, or one of the v2 models.
public enum ModelOption: Equatable, Sendable, CustomStringConvertible {
    case legacy
    case v2(UpscaleModel)

    public init?(_ text: String) {
        if text.lowercased() == "legacy" {
            self = .legacy
        } else if let model = UpscaleModel(rawValue: text.lowercased()) {
            self = .v2(model)
        } else {
            return nil
        }
    }

    public static let allNames = ["legacy"] + UpscaleModel.allCases.map(\.rawValue)

    public var description: String {
        switch self {
        case .legacy: "legacy"
        case .v2(let model): model.rawValue
        }
    }
}

extension UpscaleField {
    /// The command-line option that sets this field.
    public var optionName: String {
        self == .upscaleFactor ? "--factor" : "--" + rawValue.replacingOccurrences(of: "_", with: "-")
    }
}
