/// Makes text from the network or from file names safe to print on a terminal.
///
/// Escape sequences in a server's error text or a file name could recolour, move the cursor or
/// rewrite the window title, so every control character (C0, DEL, C1) and bidirectional
/// override is dropped, line breaks and tabs become spaces, and the text is cut to a length.
public enum TerminalSafeText {
    /// The longest text kept from a server's answer; the rest is replaced by an ellipsis.
    public static let defaultLimit = 500

    public static func sanitize(_ text: String, limit: Int = defaultLimit) -> String {
        var out = String.UnicodeScalarView()
        var count = 0
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            let mapped: Unicode.Scalar?
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: mapped = " "
            case 0x00...0x1F, 0x7F...0x9F: mapped = nil
            // Bidi embeddings, overrides and isolates can make a file name read backwards.
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: mapped = nil
            default: mapped = scalar
            }
            guard let kept = mapped else { continue }
            // Collapse runs of whitespace that line breaks turned into.
            if kept == " " {
                if lastWasSpace { continue }
                lastWasSpace = true
            } else {
                lastWasSpace = false
            }
            if count == limit {
                out.append("…")
                return String(out)
            }
            out.append(kept)
            count += 1
        }
        return String(out)
    }

    /// A file name as bytes that may not be valid UTF-8: invalid bytes become U+FFFD.
    public static func sanitize(fileNameBytes: [UInt8], limit: Int = defaultLimit) -> String {
        sanitize(String(decoding: fileNameBytes, as: UTF8.self), limit: limit)
    }
}
