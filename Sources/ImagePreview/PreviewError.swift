/// Why a file has no preview. `description` is one line, fit for the preview area.
public enum PreviewError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file could not be opened or read (the system's reason).
    case unreadable(String)
    /// Not a regular file (a folder, a device...).
    case notAFile
    /// Empty, or not PNG, JPEG or WEBP by its first bytes.
    case unsupportedFormat
    /// Larger than the file size limit; not read.
    case fileTooLarge(bytes: Int64, limit: Int)
    /// The header claims more pixels than the limit; refused before decoding.
    case tooManyPixels(format: PreviewFormat, width: Int, height: Int, limit: Int)
    /// The data ends before the image does.
    case truncated(PreviewFormat)
    /// The decoder refused the data (its reason, one line).
    case corrupt(PreviewFormat, String)
    /// The image has no pixels (a zero width or height).
    case empty(PreviewFormat)
    /// Drawing the cells failed (libchafa could not make a canvas).
    case renderingFailed
    /// The request was cancelled or superseded by a newer one; nothing to show.
    case cancelled

    public var description: String {
        switch self {
        case .unreadable(let reason): "cannot read the file: \(reason)"
        case .notAFile: "not a regular file"
        case .unsupportedFormat: "not a PNG, JPEG or WEBP image"
        case .fileTooLarge(let bytes, let limit):
            "file too large to preview (\(PreviewSourceInfo.byteCount(bytes)); limit \(PreviewSourceInfo.byteCount(Int64(limit))))"
        case .tooManyPixels(let format, let width, let height, let limit):
            "\(format.rawValue) \(width)×\(height) is too large to preview (limit \(Self.megapixels(limit)) megapixels)"
        case .truncated(let format): "\(format.rawValue) is truncated: the file ends before the image does"
        case .corrupt(let format, let reason): "\(format.rawValue) cannot be decoded: \(Self.oneLine(reason))"
        case .empty(let format): "\(format.rawValue) has no pixels"
        case .renderingFailed: "could not draw the preview"
        case .cancelled: "cancelled"
        }
    }

    static func megapixels(_ pixels: Int) -> String {
        let value = Double(pixels) / 1_000_000
        return value == value.rounded() ? String(Int(value)) : String((value * 10).rounded() / 10)
    }

    /// Library messages are short but may end in a newline or carry control characters.
    static func oneLine(_ text: String) -> String {
        let cleaned = String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
        let trimmed = cleaned.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return trimmed.isEmpty ? "unknown error" : String(trimmed.prefix(160))
    }
}
