extension FakeFault {
    /// The answer of a fault that replaces the upscale outright; nil for faults that alter a
    /// normal answer instead (unsafe, malformed, close, delay). A v2 upscale takes
    /// `generationFailed` before asking this: there it is a generation that fails later.
    var refusal: UpscaleOutcome? {
        switch self {
        case .rateLimited(let retryAfter):
            .refused(RequestRejection(
                status: 429, message: "Too many requests in flight; try again later", rejectReason: "inflight_limit",
                retryAfter: retryAfter))
        case .outOfCredit(let reason):
            .refused(RequestRejection(
                status: 402, message: reason == "daily_limit" ? "Daily spending limit reached" : "Insufficient credits for this request",
                rejectReason: reason))
        case .safetyRejected:
            .refused(RequestRejection(status: 422, message: "The prompt or image failed the safety check"))
        case .serverError(let status):
            .refused(RequestRejection(status: status, message: status == 503 ? "Service temporarily unavailable" : "Internal server error"))
        case .badRequest(let message):
            .refused(.badRequest(message))
        case .plainTextError(let status, let text):
            .plainTextError(status: status, text: text)
        case .generationFailed(let reason):
            .refused(RequestRejection(status: 500, message: "the generation failed (\(reason))"))
        case .unsafeImage, .malformedBody, .closeMidAnswer, .delay:
            nil
        }
    }
}
