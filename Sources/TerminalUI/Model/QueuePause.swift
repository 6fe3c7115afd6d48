/// The queue sends nothing new, and why: the user paused it, or the service refused the key
/// (401, 403) or the credit (402). Only the user resumes it (`p`).
public struct QueuePause: Hashable, Sendable {
    /// A few words, raw (sanitised when drawn): "out of credit (insufficient_funds)".
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }
}
