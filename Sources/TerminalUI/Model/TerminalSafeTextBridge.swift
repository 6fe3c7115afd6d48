import IdeogramKit

/// The one place TerminalUI turns outside text into drawable text: everything from file
/// names or the network passes through IdeogramKit's `TerminalSafeText`.
enum TerminalSafeTextBridge {
    static func fileName(_ bytes: [UInt8]) -> String {
        TerminalSafeText.sanitize(fileNameBytes: bytes, limit: 255)
    }

    static func text(_ text: String, limit: Int = TerminalSafeText.defaultLimit) -> String {
        TerminalSafeText.sanitize(text, limit: limit)
    }
}
