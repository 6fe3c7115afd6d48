import Foundation

/// One image of a job's answer, and what became of it here. A job asked for several images
/// has one each; the details view (Enter) shows every one.
public struct JobImage: Hashable, Sendable {
    /// What became of an answered image.
    public enum Outcome: Hashable, Sendable {
        /// Not saved yet.
        case pending
        case saved
        /// The safety check withheld it (`is_image_safe: false`, no URL): billed all the same.
        case withheld
        /// Lost: the URL expired, or the download failed for good (raw text, sanitised when drawn).
        case lost(String)
    }

    /// `WxH`, from the answer (raw).
    public var resolution: String
    public var seed: Int
    /// The prompt the service used for it (raw).
    public var prompt: String
    public var url: String?
    /// Where it was saved.
    public var localFile: String?
    public var outcome: Outcome

    public init(resolution: String, seed: Int, prompt: String, url: String? = nil, localFile: String? = nil, outcome: Outcome) {
        self.resolution = resolution
        self.seed = seed
        self.prompt = prompt
        self.url = url
        self.localFile = localFile
        self.outcome = outcome
    }
}

/// A job waiting out a retry delay: which attempt comes, when, and after what.
public struct RetryCountdown: Hashable, Sendable {
    /// The attempt that follows the wait (2 for the first retry).
    public var attempt: Int
    /// When the wait ends; the row counts down to it with the ticks' time.
    public var dueAt: Date
    /// A word or status for the row: "503", "429", "timeout", "network".
    public var cause: String
    /// The whole reason, for the details (raw).
    public var reason: String

    public init(attempt: Int, dueAt: Date, cause: String, reason: String) {
        self.attempt = attempt
        self.dueAt = dueAt
        self.cause = cause
        self.reason = reason
    }

    /// Whole seconds left, rounded up, so "in 0 s" shows only once it is due.
    public func secondsLeft(at now: Date) -> Int {
        max(0, Int(dueAt.timeIntervalSince(now).rounded(.up)))
    }
}
