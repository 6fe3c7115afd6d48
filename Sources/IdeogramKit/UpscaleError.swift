/// Every way an upscale call can fail, following the contract's table. Each case carries what
/// the user needs to act; texts from the server are already made safe for a terminal.
public enum UpscaleError: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    case invalidRequest(RequestValidationError)
    case invalidImage(ImageIntakeError)
    /// 400: the service refused the input.
    case badRequest(message: String)
    /// 401 or 403: missing, wrong or unauthorised key.
    case unauthorized(status: Int, message: String)
    /// 402: out of credit (`insufficient_funds`, `daily_limit`).
    case outOfCredit(reason: String?, message: String)
    /// 413: the image is over the service's size limit.
    case tooLarge(message: String)
    /// 422: the prompt or image failed the safety check.
    case rejectedBySafety(message: String)
    /// 429: too many images in flight. `retryAfter` is the `Retry-After` header in seconds.
    case rateLimited(retryAfter: Int?, message: String)
    /// 429 `inflight_limit`: the organisation has too many images in progress.
    /// `maxInflightImages` is the service's `max_inflight_requests` (it counts images), when given.
    case inflightLimit(maxInflightImages: Int?, retryAfter: Int?, message: String)
    /// A v2 generation the service accepted ended `failed`: not billed, and never sent again
    /// on its own (a new POST would be a new generation).
    case generationFailed(reason: String)
    /// 5xx.
    case serverError(status: Int, message: String)
    /// Any other status.
    case unexpectedStatus(status: Int, message: String)
    /// No answer in time while connecting or sending: nothing was billed.
    case timeout(seconds: Int)
    /// The connection failed before the request was fully sent: nothing was billed.
    case network(message: String)
    /// The request was fully sent but no complete answer came: it may have been billed.
    case outcomeUnknown(message: String)
    /// A 200 whose body is not the expected JSON: billed, but the result cannot be read.
    case undecodableAnswer(message: String)
    /// The caller cancelled. `requestFullySent` tells whether it may have been billed.
    case cancelled(requestFullySent: Bool)

    /// Whether trying the same call again can succeed without the user changing anything, and
    /// cannot charge twice.
    public var isRetryable: Bool {
        switch self {
        case .rateLimited, .inflightLimit, .serverError, .timeout, .network: true
        default: false
        }
    }

    /// Seconds the service asked us to wait before trying again.
    public var retryAfterSeconds: Int? {
        switch self {
        case .rateLimited(let seconds, _), .inflightLimit(_, let seconds, _): seconds
        default: nil
        }
    }

    /// The call may have been billed even though no result arrived.
    public var mayHaveBeenBilled: Bool {
        switch self {
        case .outcomeUnknown, .undecodableAnswer: true
        case .cancelled(let sent): sent
        default: false
        }
    }

    public var category: UpscaleErrorCategory {
        switch self {
        case .invalidRequest, .invalidImage, .badRequest, .tooLarge: .badInput
        case .unauthorized: .authorization
        case .outOfCredit: .outOfCredit
        case .rejectedBySafety: .safety
        case .rateLimited, .inflightLimit: .rateLimited
        case .serverError, .unexpectedStatus, .undecodableAnswer, .generationFailed: .server
        case .timeout, .network: .network
        case .outcomeUnknown: .outcomeUnknown
        case .cancelled: .cancelled
        }
    }

    public var description: String {
        switch self {
        case .invalidRequest(let e): return e.description
        case .invalidImage(let e): return e.description
        case .badRequest(let m): return "the service refused the request (400): \(m)"
        case .unauthorized(let status, let m):
            return "the service refused the API key (\(status)): \(m). Check IDEOGRAM_API_KEY (or the key file) and the dialect"
        case .outOfCredit(let reason, let m):
            let why = reason.map { " [\($0)]" } ?? ""
            return "out of credit (402)\(why): \(m). Add credit or wait for the daily limit to reset; retrying cannot help"
        case .tooLarge(let m): return "the image is too large for the service (413): \(m)"
        case .rejectedBySafety(let m): return "rejected by the safety check (422): \(m)"
        case .rateLimited(let after, let m):
            let wait = after.map { "; the service asks to wait \($0) s" } ?? ""
            return "too many requests in flight (429)\(wait): \(m)"
        case .inflightLimit(let most, let after, let m):
            let limit = most.map { "; at most \($0) images at once" } ?? ""
            let wait = after.map { "; the service asks to wait \($0) s" } ?? ""
            return "too many images in progress (429)\(limit)\(wait): \(m)"
        case .generationFailed(let reason): return "the generation failed (\(reason)); it was not billed"
        case .serverError(let status, let m): return "the service failed (\(status)): \(m)"
        case .unexpectedStatus(let status, let m): return "unexpected answer \(status): \(m)"
        case .timeout(let s): return "no answer within \(s) s before the request was sent; nothing was billed"
        case .network(let m): return "network failure before the request was sent (\(m)); nothing was billed"
        case .outcomeUnknown(let m):
            return "the request was sent but no answer came (\(m)); it may have been billed, so it is not sent again"
        case .undecodableAnswer(let m): return "the service answered, but not in the expected form (\(m)); the call was billed"
        case .cancelled(let sent): return sent ? "cancelled after the request was sent; it may have been billed" : "cancelled before the request was sent"
        }
    }
}

/// Broad kinds of failure, for exit codes and for how a queue reacts.
public enum UpscaleErrorCategory: String, Sendable, Equatable, Codable {
    case badInput, authorization, outOfCredit, safety, rateLimited, server, network, outcomeUnknown, cancelled
}
