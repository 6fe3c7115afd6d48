/// A frame as a grid of cells, with no escape codes: what `render` produces and what a backend
/// (ncurses, or a test) draws or compares.
public struct Screen: Hashable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should sit (in the prompt editor), or nil to hide it.
    public var cursor: (x: Int, y: Int)? {
        get { cursorPosition.map { ($0.x, $0.y) } }
        set { cursorPosition = newValue.map { CursorPosition(x: $0.x, y: $0.y) } }
    }
    private var cursorPosition: CursorPosition?

    private struct CursorPosition: Hashable, Sendable {
        var x: Int
        var y: Int
    }

    public init(size: Size) {
        self.size = size
        self.cells = Array(repeating: .blank, count: max(0, size.columns) * max(0, size.rows))
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.columns + x] }
        set { cells[y * size.columns + x] = newValue }
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: size.columns, height: size.rows) }

    /// Writes text from (x, y), never past `maxWidth` columns nor the screen edge. A wide
    /// character that would be cut in half is replaced by a space. Returns the columns used.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, style: CellStyle = .plain) -> Int {
        guard y >= 0, y < size.rows, x < size.columns else { return 0 }
        let limit = min(size.columns, x + (maxWidth ?? size.columns))
        var column = x
        for character in text {
            let width = DisplayWidth.of(character)
            if width == 0 { continue }
            if column + width > limit {
                if column < limit { self[column, y] = Cell(character: " ", style: style); column += 1 }
                break
            }
            if column >= 0 {
                clearWideNeighbour(x: column, y: y)
                self[column, y] = Cell(character: character, width: UInt8(width), style: style)
                if width == 2 {
                    clearWideNeighbour(x: column + 1, y: y)
                    self[column + 1, y] = Cell(character: " ", width: 0, style: style)
                }
            }
            column += width
        }
        return column - x
    }

    /// Fills a rectangle with one character and style.
    public mutating func fill(_ rect: Rect, character: Character = " ", style: CellStyle = .plain) {
        let clipped = clip(rect)
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX {
                self[x, y] = Cell(character: character, style: style)
            }
        }
    }

    /// Changes the style of cells already drawn, keeping their characters (selection bars).
    public mutating func restyle(_ rect: Rect, _ change: (inout CellStyle) -> Void) {
        let clipped = clip(rect)
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX {
                change(&cells[y * size.columns + x].style)
            }
        }
    }

    /// Draws a single-line box with a title in its top edge.
    public mutating func box(_ rect: Rect, title: String, style: CellStyle, titleStyle: CellStyle) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        for x in rect.x + 1..<rect.maxX - 1 {
            write("─", x: x, y: rect.y, style: style)
            write("─", x: x, y: rect.maxY - 1, style: style)
        }
        for y in rect.y + 1..<rect.maxY - 1 {
            write("│", x: rect.x, y: y, style: style)
            write("│", x: rect.maxX - 1, y: y, style: style)
        }
        write("┌", x: rect.x, y: rect.y, style: style)
        write("┐", x: rect.maxX - 1, y: rect.y, style: style)
        write("└", x: rect.x, y: rect.maxY - 1, style: style)
        write("┘", x: rect.maxX - 1, y: rect.maxY - 1, style: style)
        if !title.isEmpty, rect.width > 4 {
            write(" \(title) ", x: rect.x + 1, y: rect.y, maxWidth: rect.width - 2, style: titleStyle)
        }
    }

    /// The screen's text, one string per row, continuation cells left out.
    public var lines: [String] {
        (0..<size.rows).map { y in
            var line = ""
            for x in 0..<size.columns where !self[x, y].isContinuation {
                line.append(self[x, y].character)
            }
            return line
        }
    }

    private func clip(_ rect: Rect) -> Rect {
        let x0 = max(0, rect.x), y0 = max(0, rect.y)
        let x1 = min(size.columns, rect.maxX), y1 = min(size.rows, rect.maxY)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// Overwriting half of a wide character leaves the other half as a plain space.
    private mutating func clearWideNeighbour(x: Int, y: Int) {
        guard x >= 0, x < size.columns else { return }
        let cell = self[x, y]
        if cell.isContinuation, x > 0 {
            self[x - 1, y] = Cell(character: " ", style: self[x - 1, y].style)
        } else if cell.width == 2, x + 1 < size.columns {
            self[x + 1, y] = Cell(character: " ", style: cell.style)
        }
    }

    public static func == (lhs: Screen, rhs: Screen) -> Bool {
        lhs.size == rhs.size && lhs.cells == rhs.cells && lhs.cursorPosition == rhs.cursorPosition
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(size)
        hasher.combine(cells)
        hasher.combine(cursorPosition)
    }
}
