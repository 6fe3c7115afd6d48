import IdeogramClient
import IdeogramKit

extension UpscaleQueue {
    /// What this image with this v2 request would cost, asked of the queue's own service
    /// (`dry_run=true`: free, nothing runs, nothing is queued). The request, the image and the
    /// output-size rule are checked first, as a submission checks them.
    public nonisolated func quote(imagePath: String, request: V2Request, endpoint: Endpoint) async throws(UpscaleError) -> PriceQuote {
        guard let generations else {
            throw .invalidRequest(.invalid(field: "model", value: request.model.rawValue, allowed: "a service that offers the v2 models"))
        }
        if let problem = request.problems().first { throw .invalidRequest(problem) }
        let image: SourceImage
        do { image = try await Self.openImage(at: Self.absolutePath(imagePath), maxBytes: configuration.maxUploadBytes) } catch {
            throw .invalidImage(error)
        }
        if let problem = request.sizeProblem(width: image.width, height: image.height) { throw .invalidRequest(problem) }
        return try await generations.quote(image: image, request: request, endpoint: endpoint)
    }

    @concurrent
    static func openImage(at path: String, maxBytes: Int) async throws(ImageIntakeError) -> SourceImage {
        try SourceImage.open(path: path, maxBytes: maxBytes)
    }
}
