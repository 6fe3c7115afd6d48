import Foundation
import Testing
@testable import HeadlessCommands

/// The writer behind every `--json` line: what it writes parses back to what was given.
@Suite struct JSONLineWriterTests {
    /// Every C0 control, DEL, the C1 controls, the line and paragraph separators, quotes,
    /// backslashes, slashes, a byte order mark, accents, CJK, emoji (four UTF-8 bytes), a
    /// combining mark alone, and the empty string.
    static let trickyStrings: [String] = {
        var strings = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
        strings += ["\u{7F}", "\u{80}", "\u{85}", "\u{9B}", "\u{9F}", "\u{A0}", "\u{2028}", "\u{2029}", "\u{2027}", "\u{202A}"]
        strings += ["", "\"", "\\", "/", "\\\"", "\u{FEFF}", "é", "naïve façade", "写真 2026", "😀👍🏽", "e\u{301}", "\u{301}",
                    "a\u{0}b", "tab\there", "line\nbreak\r\n", "\u{1B}[31mred\u{1B}[0m", "\u{9B}31m", "</script>", "\u{FFFD}",
                    "\u{10FFFF}", "Ā\u{7FF}\u{800}\u{FFFF}\u{10000}"]
        strings.append(String((0..<0x20).map { Character(UnicodeScalar(UInt8($0))) }) + "\u{7F}\u{80}\u{9F}\u{2028}\u{2029}é😀")
        return strings
    }()

    private func parsed(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    @Test(arguments: trickyStrings) func aStringParsesBackToItself(_ value: String) throws {
        var writer = JSONLineWriter()
        writer.string(value)
        #expect(try JSONDecoder().decode(String.self, from: Data(writer.text.utf8)) == value, "\(writer.text.debugDescription)")
        // Foundation's JSONSerialization on Linux drops a byte order mark that opens a string
        // (JSONDecoder above keeps it); every other string it reads back whole.
        if !value.unicodeScalars.starts(with: ["\u{FEFF}"]) {
            #expect(try parsed(writer.text) as? String == value, "\(writer.text.debugDescription)")
        }
        #expect(!writer.text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{2028}" || $0 == "\u{2029}" },
                "no control character or line separator is written raw")
    }

    /// Where Foundation's encoder and the writer both write a character raw or escape it, they
    /// write the same bytes; the writer alone escapes DEL, C1 and U+2028/2029.
    @Test func escapesAsFoundationsEncoderDoesAndBeyond() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for value in Self.trickyStrings where !value.unicodeScalars.contains(where: { (0x7F...0x9F).contains($0.value) || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            var writer = JSONLineWriter()
            writer.string(value)
            #expect(writer.text == String(decoding: try encoder.encode(value), as: UTF8.self))
        }
        var writer = JSONLineWriter()
        writer.string("\u{7F}\u{80}\u{9F}\u{A0}\u{2028}\u{2029}\u{8}\u{C}\u{1F}")
        #expect(writer.text == #""\u007f\u0080\u009f\#u{A0}\u2028\u2029\b\f\u001f""#)
    }

    @Test func integersBooleansAndNull() throws {
        var writer = JSONLineWriter()
        writer.array([Int64.min, -1, 0, 7, Int64.max]) { json, value in json.integer(value) }
        #expect(writer.text == "[-9223372036854775808,-1,0,7,9223372036854775807]")
        #expect((try parsed(writer.text) as? [Any])?.map { ($0 as? NSNumber)?.int64Value } == [Int64.min, -1, 0, 7, Int64.max])

        var other = JSONLineWriter()
        other.array([true, false]) { json, value in json.bool(value) }
        other.newline()
        other.integer(Int?.none)
        other.newline()
        other.string(nil)
        #expect(other.text == "[true,false]\nnull\nnull")
    }

    @Test func objectsAndArraysNestWithCommasOnlyBetweenValues() throws {
        var writer = JSONLineWriter()
        for line in 0..<2 {
            writer.object { json in
                json.key("a"); json.integer(line)
                json.key("b"); json.array([String]()) { json, value in json.string(value) }
                json.key("c"); json.array(["x", "y"]) { json, value in json.object { json in json.key("v"); json.string(value) } }
                json.key("d"); json.object { _ in }
                json.key("e"); json.null()
            }
            writer.newline()
        }
        let expected = #"{"a":0,"b":[],"c":[{"v":"x"},{"v":"y"}],"d":{},"e":null}"# + "\n"
            + #"{"a":1,"b":[],"c":[{"v":"x"},{"v":"y"}],"d":{},"e":null}"# + "\n"
        #expect(writer.text == expected)
        for line in writer.text.split(separator: "\n") {
            #expect(try parsed(String(line)) is [String: Any])
        }
    }
}
