import IdeogramKit

/// Where a job stands. Every change is persisted, then announced as a `QueueEvent`.
public enum JobState: Sendable, Equatable, CustomStringConvertible {
    /// Waiting for a slot, for a retry delay to end, or (when recovered) for the user.
    case queued
    /// The request is being sent.
    case uploading
    /// The whole request was sent; from here a lost answer may have been billed.
    case waitingForAnswer
    /// A v2 generation the service accepted: polled until it completes or fails, never sent again.
    case generating(generationID: String)
    /// The answer arrived; its results are being saved.
    case downloading
    /// The answer arrived and every result was handled (see each `JobResult`'s outcome).
    case done
    case failed(UpscaleError)
    /// 422: the prompt or image failed the safety check.
    case rejected(message: String)
    case cancelled
    /// The request was sent and no answer came: it may have been billed, so it is never sent
    /// again unless the user asks.
    case outcomeUnknown(message: String)

    public var name: JobStateName {
        switch self {
        case .queued: .queued
        case .uploading: .uploading
        case .waitingForAnswer: .waitingForAnswer
        case .generating: .generating
        case .downloading: .downloading
        case .done: .done
        case .failed: .failed
        case .rejected: .rejected
        case .cancelled: .cancelled
        case .outcomeUnknown: .outcomeUnknown
        }
    }

    /// The request is on its way or awaited: it counts against the service's in-flight limit.
    public var isSending: Bool { self == .uploading || self == .waitingForAnswer }

    /// The service is working on it: its images count against the in-flight limit.
    public var isInProgress: Bool {
        if case .generating = self { return true }
        return isSending
    }

    /// Nothing more happens to the job unless the user asks.
    public var isFinished: Bool {
        switch self {
        case .done, .failed, .rejected, .cancelled, .outcomeUnknown: true
        default: false
        }
    }

    /// Ended without a result in hand, yet possibly billed: a lost answer, or an answer that
    /// could not be read. Asking again bills again.
    public var mayHaveBeenBilled: Bool {
        switch self {
        case .outcomeUnknown: true
        case .failed(let error): error.mayHaveBeenBilled
        default: false
        }
    }

    public var description: String {
        switch self {
        case .failed(let error): "failed: \(error)"
        case .rejected(let message): "rejected by the safety check: \(message)"
        case .outcomeUnknown(let message): "outcome unknown: \(message)"
        case .generating(let id): "generating (\(id))"
        default: name.rawValue
        }
    }
}

/// A job state without its details: how states are stored and filtered.
public enum JobStateName: String, Sendable, Codable, CaseIterable {
    case queued, uploading
    case waitingForAnswer = "waiting"
    case generating
    case downloading, done, failed, rejected, cancelled
    case outcomeUnknown = "outcome_unknown"
}
