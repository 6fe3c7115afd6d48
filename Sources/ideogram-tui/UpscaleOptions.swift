import IdeogramKit
import UpscaleQueue

/// What `upscale`'s command line says, as plain values. `UpscaleCommand` (swift-argument-parser)
/// and `UpscaleQuickParse` both produce it, and the defaults live here so the two agree.
struct UpscaleOptions: Equatable, Sendable {
    var files: [String] = []
    var prompt: String?
    var resemblance = UpscaleRequest.defaultResemblance
    var detail = UpscaleRequest.defaultDetail
    var magicPrompt = MagicPromptOption.auto
    var magicPromptVersion: String?
    var seed: Int?
    var numImages = 1
    var baseURL: String?
    var dialect: Dialect?
    var timeout = 180
    var out: String?
    var maxUploadMb: Double = 10
    var concurrency = 4
    var maxAttempts = RetryPolicy.upscale.maxAttempts
    var resume = false
    var force = false
    var json = false
    var noDownload = false
    var historyPath: String?

    static let defaults = UpscaleOptions()

    /// The one rule that needs more than a single option.
    var isComplete: Bool { !files.isEmpty || resume }
}
