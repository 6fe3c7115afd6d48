/// Hand-built multipart/form-data bodies, so tests control every byte a client might get wrong.
struct MultipartBody {
    struct Part {
        var headers: [(String, String)]
        var body: [UInt8]
    }

    var boundary = "fake-ideogram-test-boundary"
    var parts: [Part] = []
    /// Leave off the closing `--boundary--` to simulate a truncated upload.
    var closed = true

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// image_file + image_request, the shape the contract demands.
    static func upscale(
        image: [UInt8] = TestImages.png(width: 64, height: 48),
        filename: String? = "source.png",
        contentType: String? = "image/png",
        imageRequest: String = "{}"
    ) -> MultipartBody {
        var body = MultipartBody()
        body.addFile(name: "image_file", filename: filename, contentType: contentType, bytes: image)
        body.addField(name: "image_request", value: imageRequest)
        return body
    }

    mutating func addField(name: String, value: String) {
        parts.append(Part(headers: [("Content-Disposition", "form-data; name=\"\(name)\"")], body: Array(value.utf8)))
    }

    mutating func addFile(name: String, filename: String?, contentType: String?, bytes: [UInt8]) {
        var disposition = "form-data; name=\"\(name)\""
        if let filename { disposition += "; filename=\"\(filename)\"" }
        var headers = [("Content-Disposition", disposition)]
        if let contentType { headers.append(("Content-Type", contentType)) }
        parts.append(Part(headers: headers, body: bytes))
    }

    mutating func removeParts(named name: String) {
        parts.removeAll { part in part.headers.contains { $0.1.contains("name=\"\(name)\"") } }
    }

    var bytes: [UInt8] {
        var output: [UInt8] = []
        for part in parts {
            output += Array("--\(boundary)\r\n".utf8)
            for (name, value) in part.headers { output += Array("\(name): \(value)\r\n".utf8) }
            output += Array("\r\n".utf8)
            output += part.body
            output += Array("\r\n".utf8)
        }
        if closed { output += Array("--\(boundary)--\r\n".utf8) }
        return output
    }
}
