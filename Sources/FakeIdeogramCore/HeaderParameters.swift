/// A header value of the form `type; key=value; key="quoted value"`, as in Content-Type and
/// Content-Disposition.
package struct HeaderParameters: Equatable, Sendable {
    /// The part before the first semicolon, lowercased (e.g. "multipart/form-data").
    package var value: String
    /// Parameters with lowercased keys and unquoted values.
    package var parameters: [String: String]

    package init(_ header: String) {
        let pieces = Self.splitOutsideQuotes(header)
        value = (pieces.first ?? "").trimmingWhitespace().lowercased()
        var parameters: [String: String] = [:]
        for piece in pieces.dropFirst() {
            let (key, rawValue) = piece.splitOnce("=")
            let name = key.trimmingWhitespace().lowercased()
            guard !name.isEmpty, parameters[name] == nil else { continue }
            parameters[name] = Self.unquote(rawValue?.trimmingWhitespace() ?? "")
        }
        self.parameters = parameters
    }

    private static func splitOutsideQuotes(_ text: String) -> [Substring] {
        var pieces: [Substring] = []
        var start = text.startIndex
        var inQuotes = false
        var escaped = false
        for index in text.indices {
            let character = text[index]
            if escaped { escaped = false; continue }
            switch character {
            case "\\" where inQuotes: escaped = true
            case "\"": inQuotes.toggle()
            case ";" where !inQuotes:
                pieces.append(text[start..<index])
                start = text.index(after: index)
            default: break
            }
        }
        pieces.append(text[start...])
        return pieces
    }

    private static func unquote(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
        var result = ""
        var escaped = false
        for character in text.dropFirst().dropLast() {
            if !escaped, character == "\\" { escaped = true; continue }
            escaped = false
            result.append(character)
        }
        return result
    }
}
