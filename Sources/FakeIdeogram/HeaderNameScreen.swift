/// Finds a part header name with a byte outside ASCII before multipart-kit sees it: its
/// parser (4.7.1) looks such a byte up in a 128-entry table and traps, which took the whole
/// fake service down on one malformed upload. Follows the body with that parser's own states
/// (its boundary matching included), so it sees a header name exactly where the parser will;
/// past anything the parser refuses it has nothing left to check (the upload is a 400 anyway).
struct HeaderNameScreen {
    private enum State {
        case preamble(matched: Int)
        case lineBreak(expectingCR: Bool)
        case name(isEmpty: Bool)
        case value
        case afterValue, afterHeaders
        case data
        case delimiter(matched: Int)
        case done
    }

    private let delimiter: [UInt8]
    private var state = State.preamble(matched: 0)

    init(boundary: String) {
        delimiter = Array("\r\n--\(boundary)".utf8)
    }

    /// False once a header name holds a byte above 0x7F.
    mutating func accepts(_ bytes: some Sequence<UInt8>) -> Bool {
        for byte in bytes {
            guard step(byte) else { return false }
        }
        return true
    }

    private mutating func step(_ byte: UInt8) -> Bool {
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        switch state {
        case .preamble(let matched):
            let next = matched == 0 && byte == delimiter[2] ? 3
                : byte == delimiter[matched] ? matched + 1
                : matched > 0 && byte == delimiter[0] ? 1 : 0
            state = next == delimiter.count ? .lineBreak(expectingCR: true) : .preamble(matched: next)
        case .lineBreak(let expectingCR):
            state = byte == (expectingCR ? cr : lf) ? (expectingCR ? .lineBreak(expectingCR: false) : .name(isEmpty: true)) : .done
        case .name(let isEmpty):
            if byte > 0x7F { return false }
            state = byte == UInt8(ascii: ":") && !isEmpty ? .value : byte == cr ? (isEmpty ? .afterHeaders : .done) : .name(isEmpty: false)
        case .value:
            if byte == cr { state = .afterValue }
        case .afterValue:
            state = byte == lf ? .name(isEmpty: true) : .done
        case .afterHeaders:
            state = byte == lf ? .data : .done
        case .data:
            if byte == delimiter[0] { state = .delimiter(matched: 1) }
        case .delimiter(let matched):
            if matched == delimiter.count {
                state = byte == cr ? .lineBreak(expectingCR: false) : .done
            } else if byte == delimiter[matched] {
                state = .delimiter(matched: matched + 1)
            } else {
                state = byte == delimiter[0] ? .delimiter(matched: 1) : .data
            }
        case .done:
            break
        }
        return true
    }
}
