import FakeIdeogramCore
import Foundation
import Hummingbird

/// Writes the backend's outcome of an upscale, a v2 upscale or a poll as HTTP: JSON errors,
/// plain text, the answer whole or, by a fault, broken.
enum OutcomeAnswer {
    static func response(for outcome: UpscaleOutcome) -> Response {
        switch outcome {
        case .refused(let rejection):
            return JSONAnswer.error(rejection)
        case .plainTextError(let status, let text):
            return JSONAnswer.plainText(status: status, text: text)
        case .answered(let body, let delivery):
            return delivered(body, delivery)
        }
    }

    static func response(for outcome: V2Outcome) -> Response {
        switch outcome {
        case .refused(let rejection): JSONAnswer.error(rejection)
        case .plainTextError(let status, let text): JSONAnswer.plainText(status: status, text: text)
        case .accepted(let body, let delivery): delivered(body, delivery)
        case .quoted(let quote): JSONAnswer.response(status: 200, json: quote)
        }
    }

    static func response(for outcome: PollOutcome) -> Response {
        switch outcome {
        case .refused(let rejection): JSONAnswer.error(rejection)
        case .answered(let body): JSONAnswer.response(status: 200, json: body)
        }
    }

    /// A 200 body whole or, by a fault, broken.
    private static func delivered(_ body: some Encodable, _ delivery: AnswerDelivery) -> Response {
        guard let json = try? JSONAnswer.encoder().encode(body) else {
            return JSONAnswer.error(status: 500, message: "the fake service could not encode its answer")
        }
        switch delivery {
        case .whole: return JSONAnswer.response(status: 200, body: json)
        case .truncated: return JSONAnswer.response(status: 200, body: json.prefix(max(1, json.count / 2)))
        case .closedMidAnswer: return closingMidAnswer(json)
        }
    }

    /// Headers announcing the whole body, half of it, then the connection is dropped: the
    /// client sees a reset mid-answer after the request was surely processed.
    private static func closingMidAnswer(_ body: Data) -> Response {
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
