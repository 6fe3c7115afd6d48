import FakeIdeogramCore
import Foundation
import Hummingbird

/// Builders for the JSON (and plain text) answers the service sends.
enum JSONAnswer {
    /// Keys in declaration order (created, data; seed, prompt, ...), like the real answers.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }

    static func response(status: Int, json: some Encodable, headers: HTTPFields = [:]) -> Response {
        do {
            return response(status: status, body: try encoder().encode(json), headers: headers)
        } catch {
            return self.error(status: 500, message: "the fake service could not encode its answer: \(error)")
        }
    }

    static func response(status: Int, body: Data, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// `{"error": message}`, plus `reject_reason` when given, as the service's error bodies.
    static func error(status: Int, message: String, rejectReason: String? = nil, maxInflightRequests: Int? = nil,
                      headers: HTTPFields = [:]) -> Response {
        response(status: status, json: ErrorBody(error: message, rejectReason: rejectReason, maxInflightRequests: maxInflightRequests),
                 headers: headers)
    }

    static func error(_ rejection: RequestRejection) -> Response {
        var headers: HTTPFields = [:]
        if let retryAfter = rejection.retryAfter { headers[.retryAfter] = "\(retryAfter)" }
        return error(status: rejection.status, message: rejection.message, rejectReason: rejection.rejectReason,
                     maxInflightRequests: rejection.maxInflightRequests, headers: headers)
    }

    static func plainText(status: Int, text: String) -> Response {
        Response(
            status: .init(code: status), headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

private struct ErrorBody: Encodable {
    var error: String
    var rejectReason: String?
    var maxInflightRequests: Int?

    enum CodingKeys: String, CodingKey {
        case error
        case rejectReason = "reject_reason"
        case maxInflightRequests = "max_inflight_requests"
    }
}
