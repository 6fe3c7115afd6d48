/// How often and how long to wait before trying a transient failure again.
///
/// Waits follow exponential backoff with full jitter: before attempt n+1 the wait is drawn
/// uniformly from 0...min(maxDelay, baseDelay * 2^(n-1)), which spreads out clients that failed
/// together. A server's `Retry-After` replaces the draw.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first one included; 1 means never retry.
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// The longest `Retry-After` honoured as given; a longer one is cut to this.
    public var maxRetryAfter: Duration
    /// Draws the actual wait from 0...ceiling. Replaced in tests to make waits predictable.
    public var jitter: @Sendable (Duration) -> Duration

    public init(
        maxAttempts: Int,
        baseDelay: Duration,
        maxDelay: Duration,
        maxRetryAfter: Duration = .seconds(600),
        jitter: @escaping @Sendable (Duration) -> Duration = RetryPolicy.fullJitter
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.jitter = jitter
    }

    /// For upscale calls: a 429 storm or a service restart gets about two minutes in all.
    public static let upscale = RetryPolicy(maxAttempts: 6, baseDelay: .seconds(1), maxDelay: .seconds(60))
    /// For result downloads: the URL expires, so give up sooner.
    public static let download = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(500), maxDelay: .seconds(8))

    /// Whether another attempt is allowed after `failedAttempts` failures.
    public func allowsAnotherAttempt(after failedAttempts: Int) -> Bool {
        failedAttempts < maxAttempts
    }

    /// The wait before the next attempt, after `failedAttempts` (1 or more) failures.
    public func delay(afterFailedAttempts failedAttempts: Int, retryAfterSeconds: Int? = nil) -> Duration {
        if let seconds = retryAfterSeconds {
            return min(.seconds(max(0, seconds)), maxRetryAfter)
        }
        return jitter(ceiling(afterFailedAttempts: failedAttempts))
    }

    /// The upper bound of the jittered wait: baseDelay doubled per failure, capped at maxDelay.
    public func ceiling(afterFailedAttempts failedAttempts: Int) -> Duration {
        let doublings = min(max(0, failedAttempts - 1), 40)
        let raw = baseDelay * (1 << doublings)
        return min(raw, maxDelay)
    }

    /// A uniform draw in 0...ceiling, at nanosecond resolution.
    public static let fullJitter: @Sendable (Duration) -> Duration = { ceiling in
        let (seconds, attoseconds) = ceiling.components
        let nanos = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        guard nanos > 0 else { return .zero }
        return .nanoseconds(Int64.random(in: 0...nanos))
    }
}
