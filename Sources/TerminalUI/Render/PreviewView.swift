import IdeogramKit

/// Draws preview pictures and the line about them. Shared by the files pane, the results
/// pane's side-by-side view and the larger view.
enum PreviewView {
    /// The picture, centred across the box and from its top. Cells outside the box are cut:
    /// a picture made for an older, larger box never draws over a neighbour.
    static func drawPicture(_ picture: PreviewPicture, in box: Rect, theme: Theme, _ screen: inout Screen) {
        let columns = min(picture.columns, box.width)
        let rows = min(picture.rows, box.height)
        let left = box.x + (box.width - columns) / 2
        for y in 0..<rows {
            for x in 0..<columns {
                let cell = picture[x, y]
                // Only a single-width, printable symbol may take a cell; anything else is a space.
                let printable = cell.symbol.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) }
                let symbol: Character = printable && DisplayWidth.of(cell.symbol) == 1 ? cell.symbol : " "
                let style = theme.noColor ? CellStyle.plain : CellStyle(foreground: cell.foreground, background: cell.background)
                screen[left + x, box.y + y] = Cell(character: symbol, style: style)
            }
        }
    }

    /// The slot's picture in `box`, or a one-line state in its place.
    static func drawContent(_ content: PreviewContent?, in box: Rect, theme: Theme, _ screen: inout Screen) {
        switch content {
        case .picture(let picture, _): drawPicture(picture, in: box, theme: theme, &screen)
        case .loading: screen.write(Draw.fit("loading…", width: box.width), x: box.x, y: box.y, style: theme.dim)
        case .failed(let reason):
            // One line of text, wrapped to the box when the box is narrow, so it is read whole.
            for (i, line) in wrap(reason, width: box.width).prefix(box.height).enumerated() {
                screen.write(line, x: box.x, y: box.y + i, maxWidth: box.width, style: theme.problem)
            }
        case nil: break
        }
    }

    /// Words into lines of at most `width` cells; a word longer than a line is cut with "…".
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if DisplayWidth.of(candidate) <= width {
                line = candidate
            } else {
                if !line.isEmpty { lines.append(line) }
                line = Draw.fit(String(word), width: width)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// "PNG 1024×768 · 1.2 MB" (plus the frame count of an animation).
    static func factsLine(_ facts: PreviewFacts) -> String {
        var text = "\(TerminalSafeTextBridge.text(facts.format, limit: 8)) \(facts.resolution) · \(ByteCount.format(Int(facts.fileSize)))"
        if facts.frameCount > 1 { text += " · first of \(facts.frameCount) frames" }
        return text
    }
}
