import Foundation
import IdeogramKit

/// A job's identity as the queue names it.
public struct JobRowID: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
}

/// The job states the UI shows; they mirror the queue's states one for one.
public enum JobRowState: String, Hashable, Sendable, CaseIterable {
    case queued, uploading, waitingForAnswer, generating, downloading, done, failed, rejected, cancelled, outcomeUnknown

    public var isInFlight: Bool {
        switch self {
        case .queued, .uploading, .waitingForAnswer, .generating, .downloading: true
        default: false
        }
    }

    /// `R` applies to jobs that failed or whose outcome is unknown.
    public var canRetry: Bool { self == .failed || self == .outcomeUnknown }

    /// A one-cell mark in front of each result line.
    public var mark: String {
        switch self {
        case .queued: "·"
        case .uploading: "↑"
        case .waitingForAnswer: "…"
        case .generating: "◌"
        case .downloading: "↓"
        case .done: "✓"
        case .failed: "✗"
        case .rejected: "⊘"
        case .cancelled: "-"
        case .outcomeUnknown: "?"
        }
    }

    public var label: String {
        switch self {
        case .queued: "queued"
        case .uploading: "uploading"
        case .waitingForAnswer: "waiting"
        case .generating: "generating"
        case .downloading: "downloading"
        case .done: "done"
        case .failed: "failed"
        case .rejected: "rejected"
        case .cancelled: "cancelled"
        case .outcomeUnknown: "unknown"
        }
    }
}

/// One job as the results pane shows it.
///
/// THE SEAM WITH THE QUEUE: the wiring layer maps each queue job snapshot to a `JobRow` and
/// sends the whole list as `Action.jobsChanged([JobRow])` whenever the queue emits an event
/// (order does not matter: the pane sorts newest first by `submittedAt`). Text fields hold raw
/// text; the renderer passes them through `TerminalSafeText` before drawing.
public struct JobRow: Hashable, Sendable, Identifiable {
    public var id: JobRowID
    /// The source image's file name (raw; sanitised when drawn).
    public var sourceName: String
    /// The source image's full path, for `e` (load into the editor) and resubmission.
    public var sourcePath: String
    public var state: JobRowState
    /// The parameters the job was submitted with.
    public var request: UpscaleRequest
    public var submittedAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
    /// `WxH` of the result, from the answer.
    public var resultResolution: String?
    /// The prompt the service used (magic prompt may have rewritten it).
    public var promptUsed: String?
    public var seed: Int?
    public var resultURL: String?
    /// Where the result was saved.
    public var localFile: String?
    public var errorText: String?
    /// The request was sent but no answer came: the user decides whether to retry.
    public var mayHaveBeenBilled: Bool
    /// Images this job was billed for (num_images when it completed, else 0); the status bar
    /// sums them as "billed since start".
    public var billedImages: Int
    /// Upload progress 0...1 while uploading, if known.
    public var uploadFraction: Double?
    /// Queued by an earlier run and left unsent: it waits until the user sends it (`R`).
    public var isHeld = false
    /// Every image of the answer, in the answer's order (empty until it is answered).
    public var images: [JobImage]
    /// Set while the job waits to be sent again.
    public var retry: RetryCountdown?
    /// The v2 model, fields, generation and money; nil for a legacy job (`request` applies).
    public var generation: JobRowGeneration?
    /// Held, nothing sent, because it would take today's spending past the daily cap: the
    /// figures, as the queue gives them (raw; sanitised when drawn).
    public var capHold: String?

    public init(id: JobRowID, sourceName: String, sourcePath: String, state: JobRowState, request: UpscaleRequest,
                submittedAt: Date, startedAt: Date? = nil, finishedAt: Date? = nil, resultResolution: String? = nil,
                promptUsed: String? = nil, seed: Int? = nil, resultURL: String? = nil, localFile: String? = nil,
                errorText: String? = nil, mayHaveBeenBilled: Bool = false, billedImages: Int = 0,
                uploadFraction: Double? = nil, images: [JobImage] = [], retry: RetryCountdown? = nil) {
        self.id = id
        self.sourceName = sourceName
        self.sourcePath = sourcePath
        self.state = state
        self.request = request
        self.submittedAt = submittedAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.resultResolution = resultResolution
        self.promptUsed = promptUsed
        self.seed = seed
        self.resultURL = resultURL
        self.localFile = localFile
        self.errorText = errorText
        self.mayHaveBeenBilled = mayHaveBeenBilled
        self.billedImages = billedImages
        self.uploadFraction = uploadFraction
        self.images = images
        self.retry = retry
    }

    /// Images the safety check withheld: billed, never shown.
    public var withheldImages: Int { images.filter { $0.outcome == .withheld }.count }

    /// "r50 d50 AUTO ×1 s123" — the parameters in a few cells.
    public var shortParameters: String {
        var text = "r\(request.resemblance) d\(request.detail) \(request.magicPromptOption.rawValue) ×\(request.numImages)"
        if let seed = request.seed { text += " s\(seed)" }
        return text
    }
}

/// One image to upscale with the given parameters: what a submission hands to the queue.
public struct JobSubmission: Hashable, Sendable {
    public var sourcePath: String
    /// The legacy parameters; ignored when `v2Request` is set.
    public var request: UpscaleRequest
    /// A v2 model and its fields; nil sends the legacy call with `request`.
    public var v2Request: V2Request?
    /// The price shown before sending, kept with the job.
    public var quote: PriceQuote?
    /// Set when the parameters were loaded from this job with `e` and tweaked.
    public var basedOn: JobRowID?

    public init(sourcePath: String, request: UpscaleRequest, basedOn: JobRowID? = nil) {
        self.sourcePath = sourcePath
        self.request = request
        self.basedOn = basedOn
    }

    public init(sourcePath: String, v2Request: V2Request, quote: PriceQuote? = nil, basedOn: JobRowID? = nil) {
        self.sourcePath = sourcePath
        self.request = UpscaleRequest()
        self.v2Request = v2Request
        self.quote = quote
        self.basedOn = basedOn
    }
}

/// What `o` opens: only http(s) URLs and local files ever get here.
public enum OpenTarget: Hashable, Sendable {
    case url(String)
    case file(String)

    /// Accepts http and https URLs only; anything else (file:, javascript:, a shell string)
    /// is refused before it reaches a launcher.
    public static func url(checking text: String) -> OpenTarget? {
        let lower = text.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return nil }
        guard !text.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }) else { return nil }
        return .url(text)
    }

    /// Accepts absolute local paths only.
    public static func file(checking path: String) -> OpenTarget? {
        guard path.hasPrefix("/"), !path.unicodeScalars.contains(where: { $0.value < 0x20 }) else { return nil }
        return .file(path)
    }
}
