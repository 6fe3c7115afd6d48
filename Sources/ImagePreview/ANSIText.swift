/// Turns preview cells into ANSI text (SGR colour sequences), for the `preview` subcommand.
enum ANSIText {
    static func line(_ cells: ArraySlice<PreviewCell>, colors: PreviewColorMode) -> String {
        var text = ""
        text.reserveCapacity(cells.count * (colors == .none ? 1 : 24))
        guard colors != .none else {
            for cell in cells { text.append(cell.symbol) }
            return text
        }
        var foreground: PreviewColor? = nil
        var background: PreviewColor? = nil
        for cell in cells {
            let newForeground = cell.foreground != foreground, newBackground = cell.background != background
            if newForeground || newBackground {
                text += "\u{1B}["
                if newForeground { text += sgr(cell.foreground, background: false) }
                if newForeground && newBackground { text += ";" }
                if newBackground { text += sgr(cell.background, background: true) }
                text += "m"
                foreground = cell.foreground
                background = cell.background
            }
            text.append(cell.symbol)
        }
        if foreground != nil { text += "\u{1B}[0m" }
        return text
    }

    static func sgr(_ color: PreviewColor, background: Bool) -> String {
        switch color {
        case .terminalDefault:
            return background ? "49" : "39"
        case .indexed(let index) where index < 8:
            return String((background ? 40 : 30) + Int(index))
        case .indexed(let index) where index < 16:
            return String((background ? 100 : 90) + Int(index) - 8)
        case .indexed(let index):
            return (background ? "48;5;" : "38;5;") + String(index)
        case .rgb(let r, let g, let b):
            return (background ? "48;2;" : "38;2;") + "\(r);\(g);\(b)"
        }
    }
}
