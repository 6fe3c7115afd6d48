import Testing
@testable import TerminalUI

@Suite struct UnknownEscapeSequencesTests {
    private func chars(_ text: String) -> [BracketedPasteParser.Output] {
        text.unicodeScalars.map { .token(.character($0.value)) }
    }

    @Test func commonKeySequencesAreDecodedTheRestDropped() {
        // End as tmux and the VT220 send it (ESC [ 4 ~), Home in xterm's SS3 form.
        #expect(UnknownEscapeSequences.drop(chars("a\u{1B}[4~b")) == chars("a") + [.token(.decoded(.key(.end)))] + chars("b"))
        #expect(UnknownEscapeSequences.drop(chars("\u{1B}OH")) == [.token(.decoded(.key(.home)))])
        // Ctrl-End (ESC [ 1 ; 5 F) and F1 in SS3 form have no meaning here: gone, `~`/`F`/`P` never act as keys.
        #expect(UnknownEscapeSequences.drop(chars("\u{1B}[1;5F")).isEmpty)
        #expect(UnknownEscapeSequences.drop(chars("\u{1B}OPx")) == chars("x"))
        #expect(UnknownEscapeSequences.drop(chars("\u{1B}[99~~")) == chars("~"), "only the sequence goes, a typed ~ after it stays")
    }

    @Test func aLoneEscapeAndEscapeWithOtherKeysStay() {
        #expect(UnknownEscapeSequences.drop(chars("\u{1B}")) == chars("\u{1B}"))
        #expect(UnknownEscapeSequences.drop(chars("\u{1B}q")) == chars("\u{1B}q"))
        // Cut short at the end of a read: not a sequence, left as it came.
        #expect(UnknownEscapeSequences.drop(chars("\u{1B}[12")) == chars("\u{1B}[12"))
        let decoded: [BracketedPasteParser.Output] = [.token(.decoded(.key(.end))), .paste("~")]
        #expect(UnknownEscapeSequences.drop(decoded) == decoded)
    }
}
