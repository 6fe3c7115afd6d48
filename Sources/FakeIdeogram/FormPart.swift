import FakeIdeogramCore
import NIOCore

/// One part of a multipart/form-data upload, with the headers the service cares about.
struct FormPart: Sendable {
    /// The `name` of Content-Disposition, nil when the part has none.
    var name: String?
    var filename: String?
    /// The part's Content-Type as sent (parameters included).
    var contentType: String?
    var body: ByteBuffer

    init(headers: [(name: String, value: String)], body: ByteBuffer) {
        func header(_ wanted: String) -> String? {
            headers.first { $0.name.lowercased() == wanted }?.value
        }
        let disposition = header("content-disposition").map(HeaderParameters.init)
        name = disposition?.parameters["name"]
        filename = disposition?.parameters["filename"]
        contentType = header("content-type")
        self.body = body
    }
}
