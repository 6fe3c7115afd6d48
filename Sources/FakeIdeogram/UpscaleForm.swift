import FakeIdeogramCore
import NIOCore

/// The two parts of an upscale upload, checked for exactly the shape the contract demands.
struct UpscaleForm: Sendable {
    var image: FormPart
    var imageRequestJSON: String

    static let imagePartName = "image_file"
    static let requestPartName = "image_request"

    /// Picks out image_file and image_request, refusing missing, doubled or unexpected parts.
    /// The misnamed `image` field, a classic client bug, gets its own message.
    init(parts: [FormPart]) throws(RequestRejection) {
        let names = parts.map { $0.name ?? "" }
        if names.contains(""), let index = names.firstIndex(of: "") {
            throw .badRequest("multipart part \(index + 1) has no Content-Disposition name")
        }
        for name in Set(names) where names.filter({ $0 == name }).count > 1 {
            throw .badRequest("the part \(name) appears \(names.filter { $0 == name }.count) times; send it once")
        }
        guard let image = parts.first(where: { $0.name == Self.imagePartName }) else {
            if names.contains("image") {
                throw .badRequest("missing part image_file: the request has a part named \"image\"; the field name is image_file, not image")
            }
            throw .badRequest("missing part image_file (the image to upscale)")
        }
        guard let request = parts.first(where: { $0.name == Self.requestPartName }) else {
            throw .badRequest("missing part image_request: send it as a JSON object, even when it is {}")
        }
        if let unexpected = names.first(where: { $0 != Self.imagePartName && $0 != Self.requestPartName }) {
            throw .badRequest("unexpected part \"\(unexpected)\": the upscale form takes exactly image_file and image_request")
        }
        guard let json = String(validatingUTF8Bytes: request.body.readableBytesView) else {
            throw .badRequest("image_request is not valid UTF-8 text")
        }
        self.image = image
        self.imageRequestJSON = json
    }

    /// The upload as the backend takes it.
    var upload: UpscaleUpload {
        UpscaleUpload(image: image.body, filename: image.filename, contentType: image.contentType, imageRequestJSON: imageRequestJSON)
    }
}

extension String {
    /// Strict UTF-8 decoding (the stdlib's `String(validating:)` needs macOS 15).
    init?(validatingUTF8Bytes bytes: some Collection<UInt8>) {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var result = ""
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): result.unicodeScalars.append(scalar)
            case .emptyInput: break loop
            case .error: return nil
            }
        }
        self = result
    }
}
