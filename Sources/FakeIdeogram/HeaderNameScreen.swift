/// Finds a part header name with a byte outside ASCII before multipart-kit sees it: its
/// parser (4.7.1) looks such a byte up in a 128-entry table and traps, which took the whole
/// fake service down on one malformed upload. Follows the body as that parser does: a
/// delimiter (`--boundary`, then `\r\n--boundary`), the rest of its line, header lines up to
/// an empty one, then part data up to the next delimiter; the data is searched, never kept.
struct HeaderNameScreen {
    private enum Place {
        case data, delimiterLine, name, value, headersEnd, epilogue
    }

    private let delimiter: [UInt8]
    /// `failure[i]`: how much of the delimiter still matches after a mismatch at `i` (KMP).
    private let failure: [Int]
    private var matched: Int
    private var place = Place.data
    private var nameIsEmpty = true
    private var dashesAfterDelimiter = 0

    init(boundary: String) {
        delimiter = Array("\r\n--\(boundary)".utf8)
        var failure = [0]
        var length = 0
        for byte in delimiter.dropFirst() {
            while length > 0 && delimiter[length] != byte { length = failure[length - 1] }
            if delimiter[length] == byte { length += 1 }
            failure.append(length)
        }
        self.failure = failure
        matched = 2  // the first delimiter has no line break before it
    }

    /// False once a header name holds a byte above 0x7F.
    mutating func accepts(_ bytes: some Sequence<UInt8>) -> Bool {
        for byte in bytes {
            switch place {
            case .data:
                while matched > 0 && delimiter[matched] != byte { matched = failure[matched - 1] }
                if delimiter[matched] == byte { matched += 1 }
                if matched == delimiter.count {
                    matched = 0
                    place = .delimiterLine
                    dashesAfterDelimiter = 0
                }
            case .delimiterLine:
                if byte == UInt8(ascii: "-") {
                    dashesAfterDelimiter += 1
                    if dashesAfterDelimiter == 2 { place = .epilogue }
                } else if byte == UInt8(ascii: "\n") {
                    place = .name
                    nameIsEmpty = true
                }
            case .name:
                if byte > 0x7F { return false }
                if byte == UInt8(ascii: ":") {
                    place = .value
                } else if byte == UInt8(ascii: "\r") {
                    place = nameIsEmpty ? .headersEnd : .data
                } else {
                    nameIsEmpty = false
                }
            case .value:
                if byte == UInt8(ascii: "\n") {
                    place = .name
                    nameIsEmpty = true
                }
            case .headersEnd:
                place = .data
            case .epilogue:
                return true
            }
        }
        return true
    }
}
