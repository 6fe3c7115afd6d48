import TerminalUI

/// Colour pair numbers for the (foreground, background) combinations on screen.
///
/// ncurses has a fixed number of pairs (`COLOR_PAIRS`), and previews bring many combinations:
/// over a session they would run out. When the table is full the terminal starts over (see
/// `CursesTerminal.draw`): one frame never needs more pairs than it has cells.
struct ColorPairTable {
    /// Pair numbers handed out are 1...capacity (0 is the terminal's default colours).
    let capacity: Int
    private var numbers: [CellStyle.ColorKey: Int32] = [:]

    enum Lookup: Equatable {
        /// Already defined.
        case known(Int32)
        /// A new number: define it (init_pair) before use.
        case new(Int32)
        /// No number left.
        case full
    }

    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    var count: Int { numbers.count }

    mutating func pair(for key: CellStyle.ColorKey) -> Lookup {
        if let known = numbers[key] { return .known(known) }
        guard numbers.count < capacity else { return .full }
        let number = Int32(numbers.count + 1)
        numbers[key] = number
        return .new(number)
    }

    mutating func removeAll() {
        numbers.removeAll(keepingCapacity: true)
    }
}

extension CellStyle {
    struct ColorKey: Hashable {
        var foreground: TerminalColor
        var background: TerminalColor
    }
}
