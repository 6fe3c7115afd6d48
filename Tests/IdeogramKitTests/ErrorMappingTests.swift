import AsyncHTTPClient
import Foundation
import Testing
@testable import IdeogramClient
@testable import IdeogramKit

@Suite struct ErrorMappingTests {
    private func body(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func eachStatusMapsToItsError() {
        #expect(ErrorAnswer.error(status: 400, retryAfterHeader: nil, body: body(#"{"error":"bad seed"}"#)) == .badRequest(message: "bad seed"))
        #expect(ErrorAnswer.error(status: 401, retryAfterHeader: nil, body: body(#"{"error":"no key"}"#)) == .unauthorized(status: 401, message: "no key"))
        #expect(ErrorAnswer.error(status: 403, retryAfterHeader: nil, body: body("")) == .unauthorized(status: 403, message: "no details given"))
        #expect(ErrorAnswer.error(status: 402, retryAfterHeader: nil, body: body(#"{"error":"pay","reject_reason":"daily_limit"}"#)) == .outOfCredit(reason: "daily_limit", message: "pay"))
        #expect(ErrorAnswer.error(status: 413, retryAfterHeader: nil, body: body(#"{"error":"max 10MB"}"#)) == .tooLarge(message: "max 10MB"))
        #expect(ErrorAnswer.error(status: 422, retryAfterHeader: nil, body: body(#"{"error":"unsafe"}"#)) == .rejectedBySafety(message: "unsafe"))
        #expect(ErrorAnswer.error(status: 429, retryAfterHeader: "7", body: body(#"{"error":"slow","reject_reason":"inflight_limit"}"#))
                == .inflightLimit(maxInflightImages: nil, retryAfter: 7, message: "slow"))
        #expect(ErrorAnswer.error(status: 429, retryAfterHeader: nil,
                                  body: body(#"{"error":"busy","reject_reason":"inflight_limit","max_inflight_requests":3}"#))
                == .inflightLimit(maxInflightImages: 3, retryAfter: nil, message: "busy"))
        #expect(ErrorAnswer.error(status: 429, retryAfterHeader: nil, body: body("")) == .rateLimited(retryAfter: nil, message: "no details given"))
        #expect(ErrorAnswer.error(status: 503, retryAfterHeader: nil, body: body("Service Unavailable")) == .serverError(status: 503, message: "Service Unavailable"))
        #expect(ErrorAnswer.error(status: 418, retryAfterHeader: nil, body: body("teapot")) == .unexpectedStatus(status: 418, message: "teapot"))
    }

    @Test func serverTextIsMadeSafeAndCut() {
        let hostile = #"{"error":"\u001b[31mred\u001b]0;title\u0007 "# + String(repeating: "y", count: 2000) + #""}"#
        guard case .badRequest(let message) = ErrorAnswer.error(status: 400, retryAfterHeader: nil, body: body(hostile)) else {
            Issue.record("not a bad request")
            return
        }
        #expect(!message.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        #expect(message.count <= TerminalSafeText.defaultLimit + 1)
        #expect(message.hasSuffix("…"))
    }

    @Test func retryAfterReadsSecondsAndDates() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(ErrorAnswer.retryAfterSeconds("12", now: now) == 12)
        #expect(ErrorAnswer.retryAfterSeconds(" -4 ", now: now) == 0)
        #expect(ErrorAnswer.retryAfterSeconds("Tue, 14 Nov 2023 22:13:50 GMT", now: now) == 30)
        #expect(ErrorAnswer.retryAfterSeconds("soon", now: now) == nil)
    }

    @Test func transportFailuresDependOnWhetherTheBodyWasSent() {
        let timeouts = UpscaleTimeouts(connect: .seconds(5), overall: .seconds(60))
        #expect(UpscaleClient.map(HTTPClientError.connectTimeout, fullySent: false, timeouts: timeouts) == .timeout(seconds: 5))
        #expect(UpscaleClient.map(HTTPClientError.deadlineExceeded, fullySent: true, timeouts: timeouts) == .outcomeUnknown(message: "no answer within 60 s"))
        #expect(UpscaleClient.map(HTTPClientError.remoteConnectionClosed, fullySent: false, timeouts: timeouts) == .network(message: "the connection was closed by the server"))
        #expect(UpscaleClient.map(HTTPClientError.remoteConnectionClosed, fullySent: true, timeouts: timeouts).mayHaveBeenBilled)
        #expect(UpscaleClient.map(CancellationError(), fullySent: true, timeouts: timeouts) == .cancelled(requestFullySent: true))
    }

    @Test func retryabilityFollowsTheContract() {
        #expect(UpscaleError.rateLimited(retryAfter: 1, message: "").isRetryable)
        #expect(UpscaleError.serverError(status: 500, message: "").isRetryable)
        #expect(UpscaleError.network(message: "").isRetryable)
        #expect(!UpscaleError.outcomeUnknown(message: "").isRetryable)
        #expect(!UpscaleError.badRequest(message: "").isRetryable)
        #expect(!UpscaleError.rejectedBySafety(message: "").isRetryable)
        #expect(!UpscaleError.outOfCredit(reason: nil, message: "").isRetryable)
        #expect(!UpscaleError.undecodableAnswer(message: "").isRetryable)
    }

    @Test func decodingIgnoresUnknownFieldsAndAcceptsNullURL() throws {
        let json = #"{"created":"2000-01-23T04:56:07.000Z","extra":1,"data":[{"seed":1,"prompt":"p","resolution":"2048x1024","url":null,"is_image_safe":false,"new_field":{"a":1}}]}"#
        let result = try UpscaleClient.decode(body(json))
        #expect(result.images.count == 1)
        #expect(result.images[0].isWithheld)
        #expect(result.images[0].pixelSize! == (2048, 1024))
        #expect(throws: UpscaleError.undecodableAnswer(message: "the answer lacks \"seed\"")) {
            try UpscaleClient.decode(self.body(#"{"data":[{"prompt":"p","resolution":"1x1","is_image_safe":true}]}"#))
        }
        #expect(throws: UpscaleError.self) { try UpscaleClient.decode(self.body("{\"data\":[")) }
    }
}
