import IdeogramClient
import IdeogramKit

/// One entry of the answer's `data` and what became of it on this machine.
public struct JobResult: Sendable, Equatable {
    /// Position in the answer's `data`.
    public var index: Int
    public var seed: Int
    public var resolution: String
    /// The prompt the service used; raw network text, sanitize before showing.
    public var prompt: String
    /// The signed URL, nil when the safety check withheld the image.
    public var url: String?
    public var outcome: ResultOutcome

    public init(index: Int, image: UpscaledImage) {
        self.index = index
        seed = image.seed
        resolution = image.resolution
        prompt = image.prompt
        url = image.url
        outcome = image.url == nil ? .withheld : .pending
    }

    init(index: Int, seed: Int, resolution: String, prompt: String, url: String?, outcome: ResultOutcome) {
        self.index = index
        self.seed = seed
        self.resolution = resolution
        self.prompt = prompt
        self.url = url
        self.outcome = outcome
    }
}

public enum ResultOutcome: Sendable, Equatable, CustomStringConvertible {
    /// Not saved yet: the download is due (or was interrupted and can be retried).
    case pending
    case saved(DownloadedFile)
    /// `url` was null: the safety check withheld the image. Billed all the same; not a failure
    /// to download.
    case withheld
    /// The signed URL had expired before it could be fetched: the image is lost.
    case expired(status: Int)
    /// The download failed for another reason, after the allowed retries.
    case downloadFailed(message: String)

    /// Worth downloading (again): nothing was saved and the URL may still be good.
    public var isDownloadable: Bool {
        switch self {
        case .pending, .downloadFailed: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .pending: "not downloaded yet"
        case .saved(let file): "saved to \(file.path)"
        case .withheld: "withheld by the safety check"
        case .expired(let status): "the URL expired before download (\(status))"
        case .downloadFailed(let message): "download failed: \(message)"
        }
    }
}
