import IdeogramKit

/// What observers of the queue (the UI, the headless printer, tests) are told, in order.
public enum QueueEvent: Sendable {
    case submitted(Job)
    /// The job moved to `job.state` from `from`; already committed to the history.
    case transition(Job, from: JobState)
    case uploadProgress(JobID, sent: Int, total: Int)
    /// A transient failure: the job is queued again and will be sent after `wait.delay`.
    case retryScheduled(JobID, RetryWait)
    /// One result was saved, withheld, expired or failed to download.
    case resultUpdated(JobID, JobResult)
    case paused(PauseReason)
    case resumed
    case removed(JobID)
    /// Jobs recovered from an earlier run were released by `resumeRecovered()`.
    case recoveredReleased([JobID])
    /// The job's `spendingHold` started, changed its figures or ended (nil).
    case spendingHoldChanged(Job)
}

/// Why the queue sends nothing new. Only the user resumes it.
public enum PauseReason: Sendable, Equatable, CustomStringConvertible {
    case user
    /// 401 or 403: the key is missing, wrong or not allowed.
    case unauthorized(UpscaleError)
    /// 402: out of credit; retrying cannot help until credit is added.
    case outOfCredit(UpscaleError)
    /// The history could not be written: nothing is sent that could not be recorded.
    case historyUnavailable(message: String)

    public var description: String {
        switch self {
        case .user: "paused by the user"
        case .unauthorized(let error), .outOfCredit(let error): "paused: \(error)"
        case .historyUnavailable(let message): "paused: the history cannot be written (\(message))"
        }
    }
}
