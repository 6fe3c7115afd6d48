/// A request the service refuses, with the status and the message it answers with.
struct RequestRejection: Error, Equatable, Sendable {
    var status: Int
    var message: String
    var rejectReason: String?

    static func badRequest(_ message: String) -> RequestRejection {
        RequestRejection(status: 400, message: message)
    }

    static func tooLarge(limit: Int, _ what: String) -> RequestRejection {
        RequestRejection(status: 413, message: "\(what) exceeds the upload limit of \(limit) bytes\(inMegabytes(limit))")
    }

    /// " (10.0 MB)" for limits worth saying in megabytes.
    private static func inMegabytes(_ bytes: Int) -> String {
        guard bytes >= 100_000 else { return "" }
        let tenths = (bytes + 50_000) / 100_000
        return " (\(tenths / 10).\(tenths % 10) MB)"
    }
}
