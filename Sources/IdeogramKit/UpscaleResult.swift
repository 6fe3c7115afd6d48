/// The service's answer to a successful upscale call.
public struct UpscaleResult: Sendable, Equatable, Codable {
    /// The creation time as the service wrote it (ISO 8601).
    public var created: String?
    public var images: [UpscaledImage]

    public init(created: String?, images: [UpscaledImage]) {
        self.created = created
        self.images = images
    }

    enum CodingKeys: String, CodingKey {
        case created
        case images = "data"
    }
}

/// One entry of `data`. Unknown fields are ignored; `url` is nil when the safety check withheld
/// the image (the call is billed all the same).
public struct UpscaledImage: Sendable, Equatable, Codable {
    public var seed: Int
    /// The prompt the service used, which magic prompt may have rewritten. Raw text from the
    /// network: pass it through `TerminalSafeText` before showing it.
    public var prompt: String
    public var resolution: String
    public var url: String?
    public var isImageSafe: Bool
    public var upscaledResolution: String?
    public var styleType: String?

    public init(seed: Int, prompt: String, resolution: String, url: String?, isImageSafe: Bool,
                upscaledResolution: String? = nil, styleType: String? = nil) {
        self.seed = seed
        self.prompt = prompt
        self.resolution = resolution
        self.url = url
        self.isImageSafe = isImageSafe
        self.upscaledResolution = upscaledResolution
        self.styleType = styleType
    }

    enum CodingKeys: String, CodingKey {
        case seed, prompt, resolution, url
        case isImageSafe = "is_image_safe"
        case upscaledResolution = "upscaled_resolution"
        case styleType = "style_type"
    }

    /// Width and height parsed from `resolution` ("2048x1536"), nil if it is not of that form.
    public var pixelSize: (width: Int, height: Int)? {
        let parts = resolution.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0 else { return nil }
        return (w, h)
    }

    /// Withheld by the safety check: no URL to fetch.
    public var isWithheld: Bool { url == nil }
}
