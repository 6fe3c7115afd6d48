import FakeIdeogramCore
import Hummingbird

/// `GET /images/<id>.png?exp=..&sig=..`: serves a result as a real PNG of the promised size.
struct ResultImageEndpoint: Sendable {
    let backend: FakeBackend

    func handle(file: String, query: [String: String]) -> Response {
        do {
            let png = try backend.resultPNG(file: file, expiry: query["exp"], signature: query["sig"])
            return Response(status: .ok, headers: [.contentType: "image/png"], body: .init(byteBuffer: png))
        } catch {
            return JSONAnswer.error(error)
        }
    }
}
