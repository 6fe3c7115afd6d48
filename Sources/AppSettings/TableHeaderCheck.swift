/// toml++ 3 (inside TOMLKit) asserts, aborting the program, on some malformed lines; these are
/// refused here, by line, before the parser sees them:
/// - a table header whose name starts with anything but a bare key character or a quote
///   (`[%defaults]`, `[{a=1}]`), or whose line ends after the bracket (`[` then the name on the
///   next line);
/// - a value that is an array or an inline table (`key = [}`): config.toml has neither, so any
///   line whose value starts with `[` or `{` is refused, well-formed or not.
enum TableHeaderCheck {
    /// The 1-based number of the first bad header line, or nil.
    static func firstBadHeaderLine(_ text: String) -> Int? {
        for (index, line) in lines(text) {
            var rest = line.drop { $0 == " " || $0 == "\t" }
            guard rest.first == "[" else { continue }
            rest = rest.dropFirst()
            if rest.first == "[" { rest = rest.dropFirst() }
            guard let first = rest.drop(while: { $0 == " " || $0 == "\t" }).first else { return index }
            let startsAName = first.isASCII && (first.isLetter || first.isNumber) || "_-\"']".contains(first)
            if !startsAName { return index }
        }
        return nil
    }

    /// The first `key = value` line whose value is an array or an inline table: its 1-based
    /// number and the key's dotted path (under the table it is in), or nil.
    static func firstCompoundValue(_ text: String) -> (line: Int, key: String)? {
        var table = ""
        for (index, line) in lines(text) {
            let rest = line.drop { $0 == " " || $0 == "\t" }
            guard let first = rest.first, first != "#" else { continue }
            if first == "[" {
                // A header (checked by `firstBadHeaderLine` first): `[name]` or `[[name]]`.
                table = String(rest.drop { $0 == "[" }.prefix { $0 != "]" }).trimmingSpaces
                continue
            }
            guard let equals = equalsSign(in: rest) else { continue }
            let value = rest[rest.index(after: equals)...].drop { $0 == " " || $0 == "\t" }
            guard value.first == "[" || value.first == "{" else { continue }
            let key = String(rest[..<equals]).trimmingSpaces
            return (index, table.isEmpty ? key : table + "." + key)
        }
        return nil
    }

    /// The `=` after the key, skipping a quoted key's text.
    private static func equalsSign(in line: Substring) -> Substring.Index? {
        var quote: Character?
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "=" {
                return index
            }
        }
        return nil
    }

    private static func lines(_ text: String) -> some Sequence<(Int, Substring)> {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated().lazy.map { ($0.offset + 1, $0.element) }
    }
}

private extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
