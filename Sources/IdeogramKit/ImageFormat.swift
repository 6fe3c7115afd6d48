/// The image formats the Upscale API accepts, recognised by their bytes.
public enum ImageFormat: String, Sendable, Codable, CaseIterable, Equatable {
    case png = "PNG"
    case jpeg = "JPEG"
    case webp = "WEBP"

    public var mimeType: String {
        switch self {
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .webp: "image/webp"
        }
    }

    public var fileExtension: String {
        switch self {
        case .png: "png"
        case .jpeg: "jpg"
        case .webp: "webp"
        }
    }
}

/// What the header of an accepted image says.
public struct ImageHeader: Sendable, Equatable {
    public var format: ImageFormat
    public var width: Int
    public var height: Int

    public init(format: ImageFormat, width: Int, height: Int) {
        self.format = format
        self.width = width
        self.height = height
    }
}
