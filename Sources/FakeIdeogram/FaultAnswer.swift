import Foundation
import Hummingbird

/// The answers of the faults that replace the upscale outright.
enum FaultAnswer {
    /// The error answer of `fault`, or nil for faults that alter a normal answer instead
    /// (unsafe, malformed, close, delay).
    static func errorResponse(for fault: FakeFault) -> Response? {
        switch fault {
        case .rateLimited(let retryAfter):
            var headers: HTTPFields = [:]
            if let retryAfter { headers[.retryAfter] = "\(retryAfter)" }
            return JSONAnswer.error(
                status: 429, message: "Too many requests in flight; try again later", rejectReason: "inflight_limit",
                headers: headers)
        case .outOfCredit(let reason):
            let message = reason == "daily_limit" ? "Daily spending limit reached" : "Insufficient credits for this request"
            return JSONAnswer.error(status: 402, message: message, rejectReason: reason)
        case .safetyRejected:
            return JSONAnswer.error(status: 422, message: "The prompt or image failed the safety check")
        case .serverError(let status):
            let message = status == 503 ? "Service temporarily unavailable" : "Internal server error"
            return JSONAnswer.error(status: status, message: message)
        case .badRequest(let message):
            return JSONAnswer.error(status: 400, message: message)
        case .plainTextError(let status, let text):
            return JSONAnswer.plainText(status: status, text: text)
        case .unsafeImage, .malformedBody, .closeMidAnswer, .delay:
            return nil
        }
    }

    /// A 200 with a JSON body cut in half, as a broken proxy might deliver.
    static func malformed(_ body: Data) -> Response {
        JSONAnswer.response(status: 200, body: body.prefix(max(1, body.count / 2)))
    }

    /// Headers announcing the whole body, half of it, then the connection is dropped: the
    /// client sees a reset mid-answer after the request was surely processed.
    static func closingMidAnswer(_ body: Data) -> Response {
        let half = ByteBuffer(bytes: body.prefix(max(1, body.count / 2)))
        return Response(
            status: .ok,
            headers: [.contentType: "application/json", .contentLength: "\(body.count)"],
            body: ResponseBody(contentLength: body.count) { writer in
                try await writer.write(half)
                // Give the partial answer time to reach the client before the close.
                try await Task.sleep(for: .milliseconds(50))
                throw ConnectionDroppedOnPurpose()
            })
    }

    /// Thrown from a response body writer, which makes Hummingbird close the connection.
    struct ConnectionDroppedOnPurpose: Error {}
}
