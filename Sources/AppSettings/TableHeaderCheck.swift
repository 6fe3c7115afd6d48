/// toml++ 3 (inside TOMLKit) asserts, aborting the program, when a table header's name starts
/// with anything but a bare key character or a quote (`[%defaults]`, `[{a=1}]`), or when the line
/// ends after the bracket (`[` with the name on the next line); such a line is refused here
/// before the parser sees it. (A multi-line array whose own line starts with `[{` or is a lone
/// `[` is refused too: config.toml has no arrays.)
enum TableHeaderCheck {
    /// The 1-based number of the first such line, or nil.
    static func firstBadHeaderLine(_ text: String) -> Int? {
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            var rest = line.drop { $0 == " " || $0 == "\t" }
            guard rest.first == "[" else { continue }
            rest = rest.dropFirst()
            if rest.first == "[" { rest = rest.dropFirst() }
            guard let first = rest.drop(while: { $0 == " " || $0 == "\t" }).first else { return index + 1 }
            let startsAName = first.isASCII && (first.isLetter || first.isNumber) || "_-\"']".contains(first)
            if !startsAName { return index + 1 }
        }
        return nil
    }
}
