/// A screen as text plus a style map: what golden files hold, readable like the screen itself.
///
/// Each distinct style gets a letter in order of first appearance; the style map repeats the
/// grid with those letters, and a legend says what each letter means.
public enum ScreenSnapshot {
    public static func text(of screen: Screen) -> String {
        var out = "size \(screen.size.columns)x\(screen.size.rows)\n"
        for line in screen.lines { out += "|" + line + "|\n" }
        out += "--- styles\n"
        var letters: [CellStyle: Character] = [:]
        var legend: [(Character, CellStyle)] = []
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        for y in 0..<screen.size.rows {
            var row = ""
            for x in 0..<screen.size.columns {
                let style = screen[x, y].style
                let letter: Character
                if let known = letters[style] {
                    letter = known
                } else {
                    letter = legend.count < alphabet.count ? alphabet[legend.count] : "?"
                    letters[style] = letter
                    legend.append((letter, style))
                }
                row.append(letter)
            }
            out += row + "\n"
        }
        out += "--- legend\n"
        for (letter, style) in legend { out += "\(letter) \(style.summary)\n" }
        if let cursor = screen.cursor { out += "--- cursor \(cursor.x),\(cursor.y)\n" }
        return out
    }
}
