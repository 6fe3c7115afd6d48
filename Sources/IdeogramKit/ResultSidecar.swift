import Foundation

/// What is written beside each downloaded result, so a file on disk explains itself: the
/// request, what the service answered, where the source was and when it all happened.
public struct ResultSidecar: Sendable, Equatable, Codable {
    public var sourcePath: String
    public var endpoint: String
    public var dialect: Dialect
    public var request: UpscaleRequest
    /// The prompt the service used (possibly rewritten by magic prompt).
    public var prompt: String
    public var seed: Int
    public var resolution: String
    public var url: String
    /// Position of this image in the answer's `data`.
    public var index: Int
    public var created: String?
    public var submittedAt: Date
    public var answeredAt: Date
    public var downloadedAt: Date?
    /// For a v2 job: the model and fields sent, the generation, its quote and what was billed.
    public var generation: GenerationSidecar?

    public init(sourcePath: String, endpoint: Endpoint, request: UpscaleRequest, image: UpscaledImage,
                index: Int, created: String?, submittedAt: Date, answeredAt: Date) {
        self.sourcePath = sourcePath
        self.endpoint = endpoint.upscaleURL
        self.dialect = endpoint.dialect
        self.request = request
        self.prompt = image.prompt
        self.seed = image.seed
        self.resolution = image.resolution
        self.url = image.url ?? ""
        self.index = index
        self.created = created
        self.submittedAt = submittedAt
        self.answeredAt = answeredAt
    }

    enum CodingKeys: String, CodingKey {
        case sourcePath = "source_path", endpoint, dialect, request, prompt, seed, resolution, url, index, created
        case submittedAt = "submitted_at", answeredAt = "answered_at", downloadedAt = "downloaded_at", generation
    }

    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }
}
