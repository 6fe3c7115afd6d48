/// A single-paragraph text field with a cursor: the prompt editor's model.
///
/// Text is kept as Characters so the cursor never lands inside a grapheme (an accented
/// letter, a CJK character or an emoji moves and deletes as one). Line breaks and control
/// characters typed or pasted become spaces or are dropped: a prompt is one paragraph.
public struct TextEditor: Hashable, Sendable {
    public private(set) var characters: [Character] = []
    public private(set) var cursor: Int = 0

    public init(_ text: String = "") {
        insert(text)
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    public mutating func setText(_ text: String) {
        characters = []
        cursor = 0
        insert(text)
    }

    public mutating func insert(_ text: String) {
        var cleaned: [Character] = []
        for character in text {
            if character.isNewline || character == "\t" {
                cleaned.append(" ")
            } else if let scalar = character.unicodeScalars.first, scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                continue
            } else {
                cleaned.append(character)
            }
        }
        characters.insert(contentsOf: cleaned, at: cursor)
        cursor += cleaned.count
    }

    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    public mutating func moveToStart() { cursor = 0 }
    public mutating func moveToEnd() { cursor = characters.count }

    public mutating func moveWordLeft() { cursor = wordStart(before: cursor) }

    public mutating func moveWordRight() {
        var i = cursor
        while i < characters.count && characters[i].isWhitespace { i += 1 }
        while i < characters.count && !characters[i].isWhitespace { i += 1 }
        cursor = i
    }

    /// Ctrl-W: the word before the cursor, and the spaces after it.
    public mutating func deleteWordBackward() {
        let start = wordStart(before: cursor)
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Ctrl-U: everything before the cursor (the prompt is one line).
    public mutating func deleteToStart() {
        characters.removeSubrange(0..<cursor)
        cursor = 0
    }

    /// Ctrl-K: everything after the cursor.
    public mutating func deleteToEnd() {
        characters.removeSubrange(cursor..<characters.count)
    }

    private func wordStart(before index: Int) -> Int {
        var i = index
        while i > 0 && characters[i - 1].isWhitespace { i -= 1 }
        while i > 0 && !characters[i - 1].isWhitespace { i -= 1 }
        return i
    }

    // MARK: wrapping

    /// The text cut into rows of at most `width` columns; each row is a range of characters.
    public func wrappedRows(width: Int) -> [Range<Int>] {
        let width = max(2, width)
        var rows: [Range<Int>] = []
        var start = 0
        var column = 0
        for (i, character) in characters.enumerated() {
            let w = DisplayWidth.of(character)
            if column + w > width {
                rows.append(start..<i)
                start = i
                column = 0
            }
            column += w
        }
        rows.append(start..<characters.count)
        return rows
    }

    /// The cursor's row and column in the wrapped text.
    public func cursorLocation(width: Int) -> (row: Int, column: Int) {
        let rows = wrappedRows(width: width)
        for (r, range) in rows.enumerated() where cursor >= range.lowerBound && (cursor < range.upperBound || r == rows.count - 1) {
            let column = DisplayWidth.of(String(characters[range.lowerBound..<cursor]))
            // A cursor after a full last row sits at the start of a new one.
            if column >= max(2, width) { return (r + 1, 0) }
            return (r, column)
        }
        return (0, 0)
    }

    /// Moves one wrapped row up or down, keeping the column; false at the first or last row.
    public mutating func moveVertically(by delta: Int, width: Int) -> Bool {
        let rows = wrappedRows(width: width)
        let here = cursorLocation(width: width)
        let target = here.row + delta
        guard target >= 0, target < rows.count else { return false }
        let range = rows[target]
        var column = 0
        var index = range.lowerBound
        while index < range.upperBound {
            let w = DisplayWidth.of(characters[index])
            if column + w > here.column { break }
            column += w
            index += 1
        }
        cursor = index
        return true
    }
}
