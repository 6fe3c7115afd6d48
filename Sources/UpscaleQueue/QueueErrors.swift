import IdeogramKit

/// Why `submit` or `resubmit` did not add a job.
public enum SubmitError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidRequest(RequestValidationError)
    case invalidImage(ImageIntakeError)
    /// The same image bytes with the same request and fixed seed already succeeded (or are on
    /// their way): sending again would pay twice for the same picture. Pass `force: true` to
    /// send anyway.
    case duplicate(of: Job)
    case history(HistoryError)
    /// `resubmit` named a job that is unknown or busy.
    case job(QueueError)
    case closed

    public var description: String {
        switch self {
        case .invalidRequest(let error): "invalid request: \(error)"
        case .job(let error): error.description
        case .invalidImage(let error): error.description
        case .duplicate(let job):
            "\(job.sourcePath) was already upscaled with this request and seed (job \(job.id), \(job.state)); use --force to send it again"
        case .history(let error): error.description
        case .closed: "the queue is closed"
        }
    }
}

/// Why a queue operation on an existing job was refused.
public enum QueueError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownJob(JobID)
    /// The job is being sent or downloaded; cancel it first.
    case jobIsActive(JobID)
    /// Nothing to retry in this state.
    case notRetryable(JobID, JobState)
    case history(HistoryError)
    case closed

    public var description: String {
        switch self {
        case .unknownJob(let id): "no job \(id)"
        case .jobIsActive(let id): "job \(id) is being sent or downloaded; cancel it first"
        case .notRetryable(let id, let state): "job \(id) cannot be retried while \(state.name.rawValue)"
        case .history(let error): error.description
        case .closed: "the queue is closed"
        }
    }
}

/// Why the history database cannot be used.
public enum HistoryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another process holds the database locked for longer than the busy timeout.
    case busy(path: String)
    /// The file cannot be opened or created (permissions, missing folder, full disk…).
    case cannotOpen(path: String, reason: String)
    /// A read or write failed after opening.
    case storage(message: String)

    public var description: String {
        switch self {
        case .busy(let path): "the history is busy: another ideogram-tui is using \(path); try again in a moment"
        case .cannotOpen(let path, let reason): "cannot open the history \(path): \(reason)"
        case .storage(let message): "the history cannot be read or written: \(message)"
        }
    }
}
