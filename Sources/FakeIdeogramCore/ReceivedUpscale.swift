import Foundation

/// One upscale request as the fake service saw it, recorded so tests can assert what a
/// client really sent and what it was answered.
public struct ReceivedUpscale: Sendable, Codable, Equatable {
    /// "aggregator" (`POST /ideogram/upscale`) or "official" (`POST /upscale`).
    public var dialect: String
    /// The image_request part exactly as received ("" when the request got no further).
    public var imageRequestJSON: String
    public var filename: String?
    /// The Content-Type of the image_file part.
    public var contentType: String?
    public var imageBytes: Int
    /// The HTTP status the service answered (200 also for unsafe, malformed and close faults).
    public var status: Int
    /// How a 200 answer was delivered: "whole", "truncated" (malformed) or "closed" (cut mid-answer); nil otherwise.
    public var delivery: String?
    /// The result URLs the answer held (withheld images have none), so a soak can check each reached the disk.
    public var resultURLs: [String]
    public var receivedAt: Date

    public init(
        dialect: String,
        imageRequestJSON: String = "",
        filename: String? = nil,
        contentType: String? = nil,
        imageBytes: Int = 0,
        status: Int = 0,
        delivery: String? = nil,
        resultURLs: [String] = [],
        receivedAt: Date = Date()
    ) {
        self.dialect = dialect
        self.imageRequestJSON = imageRequestJSON
        self.filename = filename
        self.contentType = contentType
        self.imageBytes = imageBytes
        self.status = status
        self.delivery = delivery
        self.resultURLs = resultURLs
        self.receivedAt = receivedAt
    }

    /// Records the status of an outcome and, for a 200, how it was delivered and its result URLs.
    public mutating func note(_ outcome: UpscaleOutcome) {
        status = outcome.status
        if case .answered(let body, let answerDelivery) = outcome {
            delivery = answerDelivery.logName
            resultURLs = body.data.compactMap(\.url)
        }
    }

    /// The encoder `GET /_fake/requests` uses: dates as ISO 8601 with milliseconds.
    public static func makeJSONEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.iso8601WithMilliseconds(date))
        }
        return encoder
    }

    /// The matching decoder, for clients of `GET /_fake/requests`.
    public static func makeJSONDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.parseISO8601(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 date: \(text)")
            }
            return date
        }
        return decoder
    }
}
