/// A misbehaviour the fake service can show on one upscale request, to exercise a client's
/// error handling. `description` gives back the spec syntax that `init(spec:)` parses.
public enum FakeFault: Sendable, Equatable, CustomStringConvertible {
    /// 429 with `reject_reason: inflight_limit`, plus `Retry-After` when given.
    case rateLimited(retryAfter: Int?)
    /// 402 with `reject_reason` (`insufficient_funds` or `daily_limit`).
    case outOfCredit(reason: String)
    /// 422: the prompt or image failed the safety check.
    case safetyRejected
    /// A 5xx answer with a JSON error body.
    case serverError(status: Int)
    /// 400 with the given message.
    case badRequest(message: String)
    /// 200, but every image of the request is withheld: `is_image_safe` false, `url` null.
    case unsafeImage
    /// 200 whose body is truncated JSON.
    case malformedBody
    /// 200 headers announcing the full length, half the body, then the connection is closed.
    case closeMidAnswer
    /// Extra latency on that request, then the normal answer.
    case delay(Duration)
    /// A non-JSON error body, as an aggregator or proxy in front of the service may send.
    case plainTextError(status: Int, text: String)
    /// A v2 generation that is accepted, then fails with this `failure_reason` (not billed).
    /// The legacy call has no failed state: there it is a 500.
    case generationFailed(reason: String)
}
