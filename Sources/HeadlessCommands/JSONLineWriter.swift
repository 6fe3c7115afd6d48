/// Writes JSON text into bytes as a value is walked: objects, arrays, strings, integers, booleans
/// and null, nothing else. `JobReport` writes its lines with it: Foundation's `JSONEncoder` builds
/// a tree of boxed values and sorts every object's keys for each line, which was over a third of
/// the CPU of listing 10,000 jobs. Keys are written in the order given: callers give them sorted.
///
/// Strings are escaped as JSON requires (`"`, `\`, U+0000–U+001F) and further, so that a line
/// stays one line for any reader and inert on a terminal: DEL and the C1 controls (U+007F–U+009F)
/// and the line and paragraph separators (U+2028, U+2029) are written as `\u` escapes. Other
/// non-ASCII text is written as UTF-8.
struct JSONLineWriter {
    private(set) var bytes: [UInt8] = []
    /// A value was written at this level: the next one needs a comma first.
    private var needsComma = false

    init() {
        bytes.reserveCapacity(1024)
    }

    /// The text written so far.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Ends a line: the next value starts the next one.
    mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        needsComma = false
    }

    mutating func object(_ body: (inout JSONLineWriter) -> Void) {
        open(UInt8(ascii: "{"))
        body(&self)
        close(UInt8(ascii: "}"))
    }

    mutating func array<Elements: Sequence>(_ elements: Elements, _ body: (inout JSONLineWriter, Elements.Element) -> Void) {
        open(UInt8(ascii: "["))
        for element in elements { body(&self, element) }
        close(UInt8(ascii: "]"))
    }

    /// A key of the object being written; its value comes next. Keys are ASCII names.
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        needsComma = false
    }

    mutating func string(_ value: String?) {
        guard let value else { return null() }
        separate()
        bytes.append(UInt8(ascii: "\""))
        appendEscaped(value)
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func integer<Value: BinaryInteger>(_ value: Value?) {
        guard let value else { return null() }
        separate()
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: value ? Self.trueText : Self.falseText)
    }

    mutating func null() {
        separate()
        bytes.append(contentsOf: Self.nullText)
    }

    private static let trueText = Array("true".utf8), falseText = Array("false".utf8), nullText = Array("null".utf8)
    private static let hexDigits = Array("0123456789abcdef".utf8)

    private mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        needsComma = false
    }

    private mutating func close(_ bracket: UInt8) {
        bytes.append(bracket)
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    /// The string's UTF-8, escaped; runs of bytes that need nothing are copied whole. A Swift
    /// string is valid UTF-8, so the two- and three-byte forms below are whole characters.
    private mutating func appendEscaped(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                let length: Int
                switch byte {
                case 0x00..<0x20, UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x7F:
                    length = 1
                case 0xC2 where index + 1 < utf8.count && (0x80...0x9F).contains(utf8[index + 1]):
                    length = 2  // U+0080–U+009F
                case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                    length = 3  // U+2028, U+2029
                default:
                    index += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                appendEscape(forCharacterAt: index, length: length, in: utf8)
                index += length
                runStart = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
    }

    private mutating func appendEscape(forCharacterAt index: Int, length: Int, in utf8: UnsafeBufferPointer<UInt8>) {
        let scalar: UInt32 = switch length {
        case 1: UInt32(utf8[index])
        case 2: UInt32(utf8[index] & 0x1F) << 6 | UInt32(utf8[index + 1] & 0x3F)
        default: UInt32(utf8[index] & 0x0F) << 12 | UInt32(utf8[index + 1] & 0x3F) << 6 | UInt32(utf8[index + 2] & 0x3F)
        }
        bytes.append(UInt8(ascii: "\\"))
        switch scalar {
        case 0x22: bytes.append(UInt8(ascii: "\""))
        case 0x5C: bytes.append(UInt8(ascii: "\\"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        default:
            bytes.append(UInt8(ascii: "u"))
            for shift in stride(from: 12, through: 0, by: -4) {
                bytes.append(Self.hexDigits[Int((scalar >> UInt32(shift)) & 0xF)])
            }
        }
    }
}
