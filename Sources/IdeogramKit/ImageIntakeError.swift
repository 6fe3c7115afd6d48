/// Why a file cannot be uploaded, found before any network call.
public enum ImageIntakeError: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    case notFound(path: String)
    case isDirectory(path: String)
    case notRegularFile(path: String)
    case unreadable(path: String, reason: String)
    case empty(path: String)
    case tooLarge(path: String, bytes: Int, limit: Int)
    case unsupportedFormat(path: String, detected: String)
    case truncatedHeader(path: String, format: ImageFormat)
    case corruptHeader(path: String, format: ImageFormat, detail: String)
    /// The data stops before the image's end (`ImageCompleteness`).
    case truncatedData(path: String, format: ImageFormat)
    case corruptData(path: String, format: ImageFormat, detail: String)

    public var path: String {
        switch self {
        case .notFound(let p), .isDirectory(let p), .notRegularFile(let p), .unreadable(let p, _), .empty(let p),
             .tooLarge(let p, _, _), .unsupportedFormat(let p, _), .truncatedHeader(let p, _), .corruptHeader(let p, _, _),
             .truncatedData(let p, _), .corruptData(let p, _, _):
            p
        }
    }

    public var description: String {
        let name = TerminalSafeText.sanitize(path, limit: 200)
        switch self {
        case .notFound: return "\(name): no such file"
        case .isDirectory: return "\(name): is a folder, not an image file"
        case .notRegularFile: return "\(name): not a regular file (a device, socket or pipe)"
        case .unreadable(_, let reason): return "\(name): cannot be read (\(reason))"
        case .empty: return "\(name): the file is empty"
        case .tooLarge(_, let bytes, let limit):
            return "\(name): \(ByteCount.format(bytes)) is over the upload limit of \(ByteCount.format(limit)) (raise it with --max-upload-mb if your service allows more)"
        case .unsupportedFormat(_, let detected): return "\(name): \(detected); the API accepts PNG, JPEG and WEBP"
        case .truncatedHeader(_, let format): return "\(name): the \(format.rawValue) header is cut short (a truncated file?)"
        case .corruptHeader(_, let format, let detail): return "\(name): a damaged \(format.rawValue) header (\(detail))"
        // The preview's words for the same file, so both say the same thing.
        case .truncatedData(_, let format): return "\(name): \(format.rawValue) is truncated: the file ends before the image does"
        case .corruptData(_, let format, let detail): return "\(name): \(format.rawValue) is damaged (\(detail))"
        }
    }
}

/// Human-readable byte counts in decimal units, as file managers show them.
public enum ByteCount {
    public static func format(_ bytes: Int) -> String {
        if bytes < 1000 { return "\(bytes) B" }
        let units = ["kB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1000
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        let tenths = Int((value * 10).rounded())
        let rounded = value >= 100 || tenths % 10 == 0 ? String(Int(value.rounded())) : String(Double(tenths) / 10)
        return "\(rounded) \(units[unit])"
    }
}
