import NIOCore

/// What a v2 upscale carries once its transport is read: the `image` part with the headers it
/// came with, and every other part as a text field, in the order sent.
public struct V2Upload: Sendable {
    public var image: ByteBuffer
    public var filename: String?
    public var contentType: String?
    public var fields: [(name: String, value: String)]

    public init(image: ByteBuffer, filename: String?, contentType: String?, fields: [(name: String, value: String)]) {
        self.image = image
        self.filename = filename
        self.contentType = contentType
        self.fields = fields
    }

    /// The upload in the legacy shape, to reuse its image header checks (the part name differs).
    var imageHeaders: UpscaleUpload {
        UpscaleUpload(image: image, filename: filename, contentType: contentType, imageRequestJSON: "")
    }
}

/// How a v2 upscale was answered.
public enum V2Outcome: Sendable {
    case refused(RequestRejection)
    case plainTextError(status: Int, text: String)
    case accepted(GenerationAnswerBody, delivery: AnswerDelivery)
    case quoted(PriceQuoteBody)

    public var status: Int {
        switch self {
        case .refused(let rejection): rejection.status
        case .plainTextError(let status, _): status
        case .accepted, .quoted: 200
        }
    }
}

/// How a poll was answered.
public enum PollOutcome: Sendable {
    case refused(RequestRejection)
    case answered(GenerationPollBody)

    public var status: Int {
        switch self {
        case .refused(let rejection): rejection.status
        case .answered: 200
        }
    }
}
