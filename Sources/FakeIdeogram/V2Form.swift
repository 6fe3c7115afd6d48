import FakeIdeogramCore
import NIOCore

/// The parts of a v2 upscale: the `image` file and one text part per field.
enum V2Form {
    static let imagePartName = "image"

    /// Picks out `image` and reads every other part as a UTF-8 text field, in order. The legacy
    /// part name `image_file`, a likely slip, gets its own message.
    static func upload(from parts: [FormPart]) throws(RequestRejection) -> V2Upload {
        if let index = parts.firstIndex(where: { $0.name == nil }) {
            throw .badRequest("multipart part \(index + 1) has no Content-Disposition name")
        }
        let images = parts.filter { $0.name == imagePartName }
        guard let image = images.first else {
            if parts.contains(where: { $0.name == "image_file" }) {
                throw .badRequest("missing part image: the request has a part named \"image_file\"; the v2 field name is image")
            }
            throw .badRequest("missing part image (the image to upscale)")
        }
        guard images.count == 1 else { throw .badRequest("the part image appears \(images.count) times; send it once") }
        var fields: [(name: String, value: String)] = []
        for part in parts where part.name != imagePartName {
            guard let value = String(validatingUTF8Bytes: part.body.readableBytesView) else {
                throw .badRequest("the field \(part.name!.prefix(60)) is not valid UTF-8 text")
            }
            fields.append((part.name!, value))
        }
        return V2Upload(image: image.body, filename: image.filename, contentType: image.contentType, fields: fields)
    }
}
