import TerminalUI

/// What the loop hears from the terminal, in the order it happened.
public enum TerminalInput: Sendable {
    /// Keys, pastes, mouse events and new sizes.
    case actions([Action])
    /// The terminal is gone, or a signal (SIGTERM, SIGHUP) asks the program to end.
    case terminate
}

/// The screen and keyboard the loop runs on: ncurses in the program (`CursesTerminal`), memory
/// in tests (`InMemoryTerminal`). The loop is the only caller.
public protocol AppTerminal: Sendable {
    /// Takes the terminal over, starts reporting input to `deliver` in order, and returns the size.
    func start(reporting deliver: @escaping @Sendable (TerminalInput) -> Void) async throws(TerminalStartError) -> Size
    /// How many colours the terminal has; 0 without colour.
    var paletteSize: Int { get async }
    func draw(_ screen: Screen) async
    /// Draws the cells, then the pictures shown as terminal graphics (`imagePlacements`),
    /// taking away those no longer listed.
    func draw(_ screen: Screen, images: [ImagePlacement]) async
    func setMouse(_ on: Bool) async
    /// Copies text to the system clipboard (OSC 52 on a real terminal).
    func copyToClipboard(_ text: String) async
    /// Puts the terminal back as it was, pictures taken away, and stops the process for the
    /// shell's job control (Ctrl-Z); returns the size once the shell continues it (`fg`), the
    /// screen to be drawn whole again.
    func suspend() async -> Size
    /// Stops reporting input and puts the terminal back as it was. Safe to call twice.
    func stop() async
}

extension AppTerminal {
    /// Terminals without graphics draw the cells only.
    public func draw(_ screen: Screen, images: [ImagePlacement]) async { await draw(screen) }
}

/// Why the UI could not take the terminal, in words to print.
public enum TerminalStartError: Error, Sendable, CustomStringConvertible {
    case notATerminal
    case noTerm
    case unknownTerm(String)

    public var description: String {
        switch self {
        case .notATerminal: "the UI needs a terminal: standard input and output must be a tty (try a subcommand for scripts)"
        case .noTerm: "TERM is not set: the UI cannot tell what the terminal can do (try TERM=xterm-256color)"
        case .unknownTerm(let term): "the terminal type '\(term)' is unknown to ncurses (try TERM=xterm-256color)"
        }
    }
}
