import Foundation

/// The width swift-argument-parser wraps help to (COLUMNS, else the terminal's, else 80), less
/// one: it wraps a line exactly that wide again. For text laid out by hand, such as tables.
enum HelpWidth {
    static var current: Int {
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(text), columns > 0 {
            return columns - 1
        }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) - 1 }
        return 79
    }
}
