/// A path kept as the bytes the file system gave, so a name that is not valid UTF-8 can still
/// be listed, entered and shown (with U+FFFD), instead of being lost in a String conversion.
public struct FilePath: Hashable, Sendable, CustomStringConvertible {
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }
    public init(_ string: String) { self.bytes = Array(string.utf8) }

    /// The path as a String when its bytes are valid UTF-8; nil otherwise. Calls into
    /// IdeogramKit take Strings, so a path without one cannot be uploaded.
    public var string: String? { String(validating: bytes, as: UTF8.self) }

    /// The path made safe to draw.
    public var display: String { TerminalSafeTextBridge.fileName(bytes) }

    public var description: String { display }

    public var lastComponent: [UInt8] {
        let trimmed = bytes.count > 1 && bytes.last == 0x2F ? Array(bytes.dropLast()) : bytes
        if let slash = trimmed.lastIndex(of: 0x2F) { return Array(trimmed[(slash + 1)...]) }
        return trimmed
    }

    public func appending(_ component: [UInt8]) -> FilePath {
        if bytes.last == 0x2F { return FilePath(bytes: bytes + component) }
        return FilePath(bytes: bytes + [0x2F] + component)
    }

    /// The folder holding this path; the root is its own parent.
    public var parent: FilePath {
        var trimmed = bytes
        while trimmed.count > 1 && trimmed.last == 0x2F { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: 0x2F) else { return FilePath(".") }
        if slash == 0 { return FilePath("/") }
        return FilePath(bytes: Array(trimmed[..<slash]))
    }
}
