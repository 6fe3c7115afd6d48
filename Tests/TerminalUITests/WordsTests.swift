import IdeogramKit
import Testing
@testable import TerminalUI

/// Words: moving by word in the prompt, an error about a value that goes once it is fixed,
/// and the help paged and never cut.
@Suite struct WordsTests {
    static func editing(_ text: String) -> AppState {
        var s = Fixtures.state()
        s.focus = .parameters
        _ = update(&s, .paste(text))
        return s
    }

    @Test(arguments: [(Key.ctrlLeft, Key.ctrlRight), (.alt("b"), .alt("f")), (.shiftLeft, .shiftRight)])
    func ctrlArrowsAndAltBFMoveByWord(left: Key, right: Key) {
        var s = Self.editing("a calm sea at dusk")
        _ = update(&s, .key(left))
        #expect(s.parameters.prompt.cursor == 14, "before 'dusk'")
        _ = update(&s, [.key(left), .key(left)])
        #expect(s.parameters.prompt.cursor == 7, "before 'sea'")
        _ = update(&s, .key(right))
        #expect(s.parameters.prompt.cursor == 10, "after 'sea'")
        #expect(s.parameters.prompt.text == "a calm sea at dusk", "no key typed a character")
    }

    @Test func theTerminalsSequencesForCtrlArrowsAndAltBFAreDecoded() {
        func chars(_ text: String) -> [BracketedPasteParser.Output] { text.unicodeScalars.map { .token(.character($0.value)) } }
        func key(_ key: Key) -> BracketedPasteParser.Output { .token(.decoded(.key(key))) }
        #expect(UnknownEscapeSequences.drop(chars("\u{1B}[1;5D\u{1B}[1;5C")) == [key(.ctrlLeft), key(.ctrlRight)])
        #expect(UnknownEscapeSequences.drop(chars("\u{1B}Od")) == [key(.ctrlLeft)], "rxvt's form")
        #expect(UnknownEscapeSequences.drop(chars("x\u{1B}by\u{1B}f")) == chars("x") + [key(.alt("b"))] + chars("y") + [key(.alt("f"))])
        #expect(UnknownEscapeSequences.drop(chars("\u{1B}q")) == chars("\u{1B}q"), "other Alt keys stay Esc and the key")
    }

    @Test func anErrorAboutAValueGoesOnceTheValueIsFixed() {
        var s = Fixtures.state()
        s.files.cursor = 3
        s.focus = .parameters
        s.parameters.focus = .resemblance
        _ = update(&s, [.key(.char("1")), .key(.char("5")), .key(.char("0"))])
        #expect(update(&s, .key(.ctrl("s"))).isEmpty)
        #expect(s.message?.text.hasPrefix("not sent: ") == true && s.message?.isError == true)
        _ = update(&s, .key(.backspace))  // 150 becomes 15, within the range
        #expect(s.parameters.resemblance == 15)
        #expect(s.message == nil, "the value is fixed: the error went")
        // Another error stays while its cause does.
        _ = update(&s, .message("upload failed", isError: true))
        _ = update(&s, .key(.right))
        #expect(s.message?.text == "upload failed")
    }

    @Test func anErrorAboutAValueStaysWhileTheValueIsWrong() {
        var s = Fixtures.state()
        s.files.cursor = 3
        s.focus = .parameters
        s.parameters.focus = .numImages
        _ = update(&s, [.key(.char("9")), .key(.char("9"))])
        _ = update(&s, .key(.ctrl("s")))
        _ = update(&s, .key(.down))
        #expect(s.message?.isError == true, "99 images is still out of range")
    }

    @Test func pageDownAndUpMoveTheHelpByAPageAndStopAtItsEnds() {
        var s = Fixtures.state()
        _ = update(&s, .key(.char("?")))
        let page = HelpPage(size: s.size, filter: "")
        #expect(page.lines.count > 2 * page.bodyHeight, "the help is longer than two pages at 80x24")
        _ = update(&s, .key(.pageDown))
        #expect(s.overlay == .help(filter: "", scroll: page.bodyHeight))
        for _ in 0..<20 { _ = update(&s, .key(.pageDown)) }
        let last = page.lines.count - page.bodyHeight
        #expect(s.overlay == .help(filter: "", scroll: last), "never past the last page")
        _ = update(&s, .key(.up))
        #expect(s.overlay == .help(filter: "", scroll: last - 1), "Up moves at once after paging past the end")
        for _ in 0..<20 { _ = update(&s, .key(.pageUp)) }
        #expect(s.overlay == .help(filter: "", scroll: 0), "never before the first page")
    }

    @Test(arguments: [Size(columns: 80, rows: 24), Size(columns: 160, rows: 48)])
    func noHelpDescriptionIsCut(size: Size) {
        var s = Fixtures.state(size: size)
        _ = update(&s, .key(.char("?")))
        let box = HelpPage(size: size, filter: "").rect
        var shown = ""
        for _ in 0..<30 {
            // Only what is inside the help's box: the panes behind it have their own ellipses.
            let screen = render(s, size: size)
            for y in box.y..<box.maxY {
                shown += String((box.x..<box.maxX).map { screen[$0, y].character }) + "\n"
            }
            _ = update(&s, .key(.pageDown))
        }
        let words = shown.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "│" }).map(String.init)
        for context in BindingContext.allCases {
            for binding in BindingTables.table(context) {
                // Every word of every description is on some page, whole.
                for word in binding.description.split(separator: " ") {
                    #expect(words.contains(String(word)), "\(size.columns) columns: '\(word)' of '\(binding.description)'")
                }
            }
        }
        #expect(!shown.contains("…"), "nothing cut with an ellipsis")
    }
}
