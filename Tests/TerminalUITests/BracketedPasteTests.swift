import Foundation
import Testing
@testable import TerminalUI

/// The bracketed-paste parser, on the tokens a backend reads, and what a paste does where.
@Suite struct BracketedPasteTests {
    typealias Parser = BracketedPasteParser

    static func chars(_ text: String) -> [Parser.Token] {
        text.unicodeScalars.map { .character($0.value) }
    }

    static let start = chars("\u{1B}[200~")
    static let end = chars("\u{1B}[201~")

    @Test func aPasteBecomesOneActionAndNeverKeys() {
        let out = Parser.parse(Self.chars("a") + Self.start + Self.chars("q\rline two\r\n\u{1B}x") + Self.end + Self.chars("b"))
        #expect(out == [.token(.character(0x61)), .paste("q\nline two\n\u{1B}x"), .token(.character(0x62))])
    }

    @Test func aPasteSplitOverReadsWaitsForItsEnd() {
        var parser = Parser()
        var out: [Parser.Output] = []
        for token in Self.start + Self.chars("hello ") { out += parser.feed(token) }
        out += parser.flush()
        #expect(out.isEmpty)
        #expect(parser.isInPaste)
        for token in Self.chars("world") + Self.end.prefix(3) { out += parser.feed(token) }
        out += parser.flush()  // half an end marker, between reads: still pasting
        #expect(out.isEmpty)
        for token in Self.end.dropFirst(3) + Self.chars("z") { out += parser.feed(token) }
        out += parser.flush()
        #expect(out == [.paste("hello world"), .token(.character(0x7A))])
        #expect(!parser.isInPaste)
    }

    @Test func escapeAndLookalikeSequencesStayKeys() {
        // A lone Esc, and ESC [ 2 0 x, which starts like the marker but is not one.
        #expect(Parser.parse(Self.chars("\u{1B}")) == [.token(.character(0x1B))])
        let lookalike = Self.chars("\u{1B}[20x")
        #expect(Parser.parse(lookalike) == lookalike.map { .token($0) })
        // The code that breaks a match may start the real marker.
        #expect(Parser.parse(Self.chars("\u{1B}") + Self.start + Self.chars("p") + Self.end) == [.token(.character(0x1B)), .paste("p")])
    }

    @Test func decodedKeysPassThroughInOrderButNotInsideAPaste() {
        let out = Parser.parse([.decoded(.key(.up))] + Self.start + [.decoded(.key(.down))] + Self.chars("x") + Self.end)
        #expect(out == [.token(.decoded(.key(.up))), .paste("x")])
    }

    @Test func multiLinePasteIntoThePromptIsTextAndDoesNotSubmitOrQuit() {
        var s = Fixtures.state()
        s.focus = .parameters
        let effects = update(&s, .paste("a quiet harbour\nq\r\nat dawn"))
        #expect(effects.isEmpty)
        #expect(s.parameters.prompt.text == "a quiet harbour q at dawn")
        #expect(!s.hasQuit && s.overlay == nil)
    }

    @Test func pasteIntoTheFilterFilters() {
        var s = Fixtures.state()
        _ = update(&s, .key(.char("/")))
        _ = update(&s, .paste("beach\n"))
        #expect(s.files.filter == "beach ")
        _ = update(&s, .key(.backspace))
        #expect(s.files.filter == "beach")
        #expect(s.files.visible.count == 1)
    }

    @Test func pasteElsewhereIsIgnoredWithAMessage() {
        for focus in [Pane.files, .results] {
            var s = Fixtures.state()
            s.focus = focus
            let before = s
            let effects = update(&s, .paste("q\ny\n"))
            #expect(effects.isEmpty)
            #expect(!s.hasQuit && s.overlay == nil && s.files == before.files && s.results == before.results)
            #expect(s.message?.text.hasPrefix("paste ignored") == true)
        }
        // Typing a key no binding wants says nothing.
        var s = Fixtures.state()
        _ = update(&s, .key(.char("z")))
        #expect(s.message == nil)
    }
}
