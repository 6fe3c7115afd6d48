/// A request the service refuses, with the status and the message it answers with.
public struct RequestRejection: Error, Equatable, Sendable {
    public var status: Int
    public var message: String
    /// The body's `reject_reason` (e.g. `inflight_limit`, `insufficient_funds`).
    public var rejectReason: String?
    /// The `Retry-After` header, in seconds.
    public var retryAfter: Int?
    /// The body's `max_inflight_requests` on a v2 `inflight_limit` refusal.
    public var maxInflightRequests: Int?

    public init(status: Int, message: String, rejectReason: String? = nil, retryAfter: Int? = nil, maxInflightRequests: Int? = nil) {
        self.status = status
        self.message = message
        self.rejectReason = rejectReason
        self.retryAfter = retryAfter
        self.maxInflightRequests = maxInflightRequests
    }

    package static func badRequest(_ message: String) -> RequestRejection {
        RequestRejection(status: 400, message: message)
    }

    package static func tooLarge(limit: Int, _ what: String) -> RequestRejection {
        RequestRejection(status: 413, message: "\(what) exceeds the upload limit of \(limit) bytes\(inMegabytes(limit))")
    }

    /// " (10.0 MB)" for limits worth saying in megabytes.
    private static func inMegabytes(_ bytes: Int) -> String {
        guard bytes >= 100_000 else { return "" }
        let tenths = (bytes + 50_000) / 100_000
        return " (\(tenths / 10).\(tenths % 10) MB)"
    }
}
