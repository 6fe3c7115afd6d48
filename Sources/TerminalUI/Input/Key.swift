/// A key press as the core sees it, already decoded from the terminal's bytes by a backend.
public enum Key: Hashable, Sendable {
    /// Printable text, one grapheme: ASCII, accented, CJK, emoji. Space is `.char(" ")`.
    case char(Character)
    /// Control plus a letter, always lower case: Ctrl-S is `.ctrl("s")`.
    case ctrl(Character)
    case enter, tab, backTab, backspace, delete, insert, escape
    case up, down, left, right
    case shiftUp, shiftDown, shiftLeft, shiftRight
    case ctrlLeft, ctrlRight
    /// Alt (Meta) plus a character, as terminals send it: Esc, then the character.
    case alt(Character)
    case home, end, pageUp, pageDown
    case function(Int)

    /// How the key is written in the footer and help.
    public var label: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .ctrl(let c): "Ctrl-\(String(c).uppercased())"
        case .enter: "Enter"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .insert: "Ins"
        case .escape: "Esc"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .shiftUp: "Shift-↑"
        case .shiftDown: "Shift-↓"
        case .shiftLeft: "Shift-←"
        case .shiftRight: "Shift-→"
        case .ctrlLeft: "Ctrl-←"
        case .ctrlRight: "Ctrl-→"
        case .alt(let c): "Alt-\(c)"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .function(let n): "F\(n)"
        }
    }

    /// The digit this key types, if it is one.
    public var digit: Int? {
        if case .char(let c) = self, let value = c.wholeNumberValue, c.isASCII { return value }
        return nil
    }

    /// The text this key inserts into a text field, if any.
    public var insertedText: String? {
        if case .char(let c) = self { return String(c) }
        return nil
    }
}

/// A mouse event at a cell.
public struct MouseEvent: Hashable, Sendable {
    public enum Button: Hashable, Sendable { case left, right, wheelUp, wheelDown }

    public var button: Button
    public var x: Int
    public var y: Int
    public var isDoubleClick: Bool

    public init(button: Button, x: Int, y: Int, isDoubleClick: Bool = false) {
        self.button = button
        self.x = x
        self.y = y
        self.isDoubleClick = isDoubleClick
    }
}
