import NIOCore

/// What an upscale request carries once its transport is read: the image_file part with the
/// headers it came with, and the image_request text.
public struct UpscaleUpload: Sendable {
    public var image: ByteBuffer
    public var filename: String?
    /// The image part's Content-Type as sent (parameters included).
    public var contentType: String?
    public var imageRequestJSON: String

    public init(image: ByteBuffer, filename: String?, contentType: String?, imageRequestJSON: String) {
        self.image = image
        self.filename = filename
        self.contentType = contentType
        self.imageRequestJSON = imageRequestJSON
    }

    /// The image must name a file and declare the Content-Type matching its bytes.
    func checkImageHeaders(against sniffed: SniffedImage, partName: String = "image_file") throws(RequestRejection) {
        guard let filename, !filename.isEmpty else {
            throw .badRequest("the part \(partName) has no filename; send it as a file upload")
        }
        guard let contentType, !contentType.isEmpty else {
            throw .badRequest("the part \(partName) has no Content-Type; send image/png, image/jpeg or image/webp")
        }
        let mediaType = HeaderParameters(contentType).value
        guard sniffed.format.acceptedContentTypes.contains(mediaType) else {
            throw .badRequest("the part \(partName) says Content-Type \(contentType.prefix(100)) but its bytes are a \(sniffed.format.rawValue) image")
        }
    }
}

/// The two ways of presenting a key: the aggregator's Bearer token and the official Api-Key.
public enum UpscaleDialect: String, Sendable {
    case aggregator
    case official
}

/// How an upscale was answered: an error, or results (delivered whole or, by a fault, broken).
public enum UpscaleOutcome: Sendable {
    case refused(RequestRejection)
    /// A non-JSON error body, as a proxy in front of the service may send.
    case plainTextError(status: Int, text: String)
    case answered(UpscaleAnswerBody, delivery: AnswerDelivery)

    public var status: Int {
        switch self {
        case .refused(let rejection): rejection.status
        case .plainTextError(let status, _): status
        case .answered: 200
        }
    }
}

/// How a 200 answer reaches the client.
public enum AnswerDelivery: Sendable, Equatable {
    case whole
    /// Half the JSON body, as a broken proxy might deliver (the `malformed` fault).
    case truncated
    /// Headers promising the whole body, half of it, then the connection closes (`close`).
    case closedMidAnswer

    /// The word the request log uses.
    public var logName: String {
        switch self {
        case .whole: "whole"
        case .truncated: "truncated"
        case .closedMidAnswer: "closed"
        }
    }
}
