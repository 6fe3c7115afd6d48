import FakeIdeogram
import Foundation

extension MultipartBody {
    /// A v2 upscale: the `image` part, then one text part per field, in order.
    static func v2(
        image: [UInt8] = TestImages.png(width: 64, height: 48),
        filename: String = "source.png",
        contentType: String = "image/png",
        fields: [(String, String)] = []
    ) -> MultipartBody {
        var body = MultipartBody()
        body.addFile(name: "image", filename: filename, contentType: contentType, bytes: image)
        for (name, value) in fields { body.addField(name: name, value: value) }
        return body
    }
}

extension HTTP {
    /// `POST /v2/image/upscale/{model}` with the official Api-Key header.
    static func v2Upscale(
        _ service: FakeIdeogramService, model: String, _ form: MultipartBody = .v2(), dryRun: Bool = false,
        key: String = "test-key"
    ) async throws -> HTTPAnswer {
        let url = service.baseURL + "/v2/image/upscale/" + model + (dryRun ? "?dry_run=true" : "")
        return try await send(url, headers: [("Content-Type", form.contentType), ("Api-Key", key)], body: form.bytes)
    }

    /// `GET /v2/generations/{id}` with the official Api-Key header.
    static func poll(_ service: FakeIdeogramService, _ id: String, key: String = "test-key") async throws -> HTTPAnswer {
        try await send(service.baseURL + "/v2/generations/" + id, method: "GET", headers: [("Api-Key", key)])
    }
}

extension HTTPAnswer {
    var generationID: String { json["generation_id"] as? String ?? "" }
}
