import Testing
@testable import CursesBackend

/// The start-up question's answers, as terminals give them.
@Suite struct GraphicsRepliesTests {
    static func parse(_ text: String) -> GraphicsReplies { GraphicsReplies.parse(Array(text.utf8)) }

    @Test func theQueryAsksKittyThenTheCellSizeThenDA1() {
        #expect(String(decoding: GraphicsReplies.query, as: UTF8.self)
                == "\u{1B}_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\u{1B}\\\u{1B}[16t\u{1B}[c")
    }

    @Test func kitty() {
        let replies = Self.parse("\u{1B}_Gi=31;OK\u{1B}\\\u{1B}[6;20;10t\u{1B}[?62;22c")
        #expect(replies.kitty && !replies.sixel && replies.isComplete)
        #expect(replies.cellPixels == CellPixelSize(width: 10, height: 20))
    }

    @Test func sixelOnlyXterm() {
        let replies = Self.parse("\u{1B}[6;17;8t\u{1B}[?63;1;2;4;6;9;15;16;22;28c")
        #expect(!replies.kitty && replies.sixel && replies.isComplete)
        #expect(replies.cellPixels == CellPixelSize(width: 8, height: 17))
    }

    @Test func noGraphics() {
        let replies = Self.parse("\u{1B}[?1;2c")
        #expect(!replies.kitty && !replies.sixel && replies.isComplete && replies.cellPixels == nil)
    }

    @Test func silence() {
        #expect(Self.parse("") == GraphicsReplies())
        #expect(!Self.parse("").isComplete)
    }

    @Test func garbageAndKeysTypedMeanwhileAreSkipped() {
        let replies = Self.parse("jk\u{1B}[A\u{1B}_Gi=31;ENOTSUPPORTED:no\u{1B}\\\u{1B}[6;x;yt\u{1B}Q\u{07}\u{1B}[?64;4c")
        #expect(!replies.kitty && replies.sixel && replies.isComplete && replies.cellPixels == nil)
        // Another image's answer, or a cut-off answer, is not ours.
        #expect(!Self.parse("\u{1B}_Gi=7;OK\u{1B}\\\u{1B}[?1c").kitty)
        #expect(!Self.parse("\u{1B}_Gi=31;OK").kitty)
        #expect(!Self.parse("\u{1B}[?62;4").isComplete)
    }

    @Test func sixelNeedsAttributeFourItselfNotA4InAnother() {
        #expect(!Self.parse("\u{1B}[?64;14;42c").sixel)
    }
}
