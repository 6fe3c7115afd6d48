/// Text broken into lines of at most `width` cells, at spaces where it can be and inside a
/// word (a URL, a path) only when the word alone is longer than a line: nothing is cut off.
enum TextWrap {
    static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        var used = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let wordWidth = DisplayWidth.of(String(word))
            if used > 0 && used + 1 + wordWidth <= width {
                line += " " + word
                used += 1 + wordWidth
                continue
            }
            if used > 0 {
                lines.append(line)
                line = ""
                used = 0
            }
            // A word longer than a line is split where the line ends.
            for character in word {
                let w = DisplayWidth.of(character)
                if used + w > width {
                    lines.append(line)
                    line = ""
                    used = 0
                }
                line.append(character)
                used += w
            }
        }
        if used > 0 || lines.isEmpty { lines.append(line) }
        return lines
    }
}
