#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AppLoop
import CNCurses
import TerminalUI

/// Owns the terminal: every ncurses call in the program happens on this actor, and none of
/// them blocks (input is read only after `InputWatcher` saw bytes waiting).
public actor CursesTerminal: AppTerminal {
    public struct Options: Sendable {
        public var mouse: Bool
        public var noColor: Bool
        /// Pictures are drawn as terminal graphics (sixel, kitty, iTerm2).
        public var graphics: Bool
        public init(mouse: Bool = true, noColor: Bool = false, graphics: Bool = false) {
            self.mouse = mouse
            self.noColor = noColor
            self.graphics = graphics
        }
    }

    private var window: UnsafeMutablePointer<WINDOW>?
    private var options: Options
    private var colorPairs = ColorPairTable(capacity: 0)
    /// Set when a frame asked for a pair the table had no room for.
    private var ranOutOfPairs = false
    private var hasColors = false
    private var colorCount: Int32 = 0
    private var isStarted = false
    /// Survives between reads: a long paste arrives in several.
    private var paste = BracketedPasteParser()
    private var watcher: InputWatcher?
    /// Turns the watcher's news into input for the loop, one event at a time, in order.
    private var reader: Task<Void, Never>?
    /// The pictures on screen as terminal graphics, as the last frame placed them.
    private var placed: [ImagePlacement] = []
    /// A resize happened: the next frame with pictures is drawn from scratch.
    private var sizeChanged = false

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Enters curses mode, starts watching stdin and the signals, and returns the terminal
    /// size. Fails when stdin/stdout is not a terminal or TERM is unknown, with a message to print.
    public func start(reporting deliver: @escaping @Sendable (TerminalInput) -> Void) throws(TerminalStartError) -> Size {
        guard isatty(0) == 1, isatty(1) == 1 else { throw .notATerminal }
        guard let term = getenv("TERM").map({ String(cString: $0) }), !term.isEmpty else { throw .noTerm }
        let watcher = try InputWatcher()
        setlocale(LC_ALL, "")
        // Real line-drawing characters under UTF-8 (tmux), not the VT100 alternate set.
        setenv("NCURSES_NO_UTF8_ACS", "1", 1)
        // newterm, unlike initscr, returns an error instead of exiting on an unknown TERM.
        guard newterm(nil, fdopen(1, "w"), fdopen(0, "r")) != nil else { throw .unknownTerm(term) }
        window = ideo_stdscr()
        isStarted = true
        TerminalGuard.rememberTerminal()
        raw()
        noecho()
        nonl()
        keypad(window, true)
        // No scrolling regions to move lines: a scroll would carry pixels along with the cells
        // (ncurses would otherwise scroll a region to move the results' lines).
        if options.graphics { idlok(window, false) }
        set_escdelay(25)
        // Never wait inside get_wch: the input watcher tells us when bytes are there.
        nodelay(window, true)
        if !options.noColor && has_colors() {
            start_color()
            use_default_colors()
            hasColors = true
            colorCount = ideo_colors()
            colorPairs = ColorPairTable(capacity: Int(ideo_color_pairs()) - 1)
        }
        applyMouse(options.mouse)
        writeRaw(Self.bracketedPasteOn)
        TerminalGuard.install(wakeFD: watcher.wakeWrite)
        watch(watcher, deliver)
        return currentSize()
    }

    /// The watcher's thread only says that something happened; the keys are read here, on
    /// the actor, and the watcher sleeps until they have been.
    private func watch(_ watcher: InputWatcher, _ deliver: @escaping @Sendable (TerminalInput) -> Void) {
        self.watcher = watcher
        let (events, sink) = AsyncStream.makeStream(of: InputWatcher.Event.self)
        watcher.start { sink.yield($0) }
        reader = Task {
            for await event in events {
                switch event {
                case .inputReady:
                    let actions = readPendingInput()
                    watcher.resume()
                    if !actions.isEmpty { deliver(.actions(actions)) }
                case .resized:
                    deliver(.actions([.resize(resizeFromKernel())]))
                case .terminate:
                    deliver(.terminate)
                    return
                }
            }
        }
    }

    public func setMouse(_ on: Bool) {
        options.mouse = on
        applyMouse(on)
    }

    private func applyMouse(_ on: Bool) {
        guard isStarted else { return }
        mousemask(on ? ideo_mouse_mask() : 0, nil)
        mouseinterval(on ? 200 : 0)
    }

    func currentSize() -> Size {
        guard let window else { return Size(columns: 0, rows: 0) }
        return Size(columns: Int(getmaxx(window)), rows: Int(getmaxy(window)))
    }

    /// After SIGWINCH: asks the kernel for the new size and tells ncurses.
    func resizeFromKernel() -> Size {
        sizeChanged = true
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0, size.ws_col > 0 {
            resizeterm(Int32(size.ws_row), Int32(size.ws_col))
        }
        return currentSize()
    }

    /// Reads every key waiting, without blocking. Bracketed pastes become one `.paste`.
    func readPendingInput() -> [Action] {
        guard let window else { return [] }
        var outputs: [BracketedPasteParser.Output] = []
        while true {
            var code: wint_t = 0
            let result = wget_wch(window, &code)
            if result == ideo_err() { break }
            if result == ideo_key_code_yes() {
                let value = Int32(code)
                let action: Action?
                if value == ideo_key_resize() {
                    sizeChanged = true
                    action = .resize(currentSize())
                } else if value == ideo_key_mouse() {
                    action = readMouse().map { .mouse($0) }
                } else {
                    action = KeyTranslator.functionKey(value).map { .key($0) }
                }
                if let action { paste.feed(.decoded(action), into: &outputs) }
            } else {
                paste.feed(.character(UInt32(code)), into: &outputs)
            }
        }
        outputs += paste.flush()
        return UnknownEscapeSequences.drop(outputs).compactMap { output in
            switch output {
            case .paste(let text): .paste(text)
            case .token(.decoded(let action)): action
            case .token(.character(let code)): KeyTranslator.character(code).map { .key($0) }
            }
        }
    }

    private func readMouse() -> MouseEvent? {
        var event = MEVENT()
        guard getmouse(&event) == ideo_ok() else { return nil }
        let state = event.bstate
        let button: MouseEvent.Button
        if ideo_mouse_is_wheel_up(state) != 0 { button = .wheelUp }
        else if ideo_mouse_is_wheel_down(state) != 0 { button = .wheelDown }
        else if ideo_mouse_is_left(state) != 0 { button = .left }
        else if ideo_mouse_is_right(state) != 0 { button = .right }
        else { return nil }
        return MouseEvent(button: button, x: Int(event.x), y: Int(event.y), isDoubleClick: ideo_mouse_is_double(state) != 0)
    }

    /// How many colours the terminal has; 0 without colour (NO_COLOR, or a terminal without).
    public var paletteSize: Int { hasColors ? Int(colorCount) : 0 }

    /// Writes every cell; ncurses compares with what is on the terminal and sends only changes.
    /// Styles are looked up once per run of same-style cells, and the characters go through one
    /// buffer for the whole frame: no heap allocation per cell.
    public func draw(_ screen: Screen) {
        draw(screen, images: [])
    }

    /// The cells, then the pictures: what left the screen is taken away (kitty images deleted,
    /// the rows under sixel and iTerm2 pictures sent again), and new pictures are written at
    /// their boxes once ncurses has drawn the frame.
    public func draw(_ screen: Screen, images: [ImagePlacement]) {
        guard let window else { return }
        ranOutOfPairs = false
        // Terminals keep or drop pixels on a resize as they please: start from a clear screen.
        var cleared = sizeChanged && !(images.isEmpty && placed.isEmpty)
        if cleared { clearok(window, true) }
        sizeChanged = false
        writeCells(screen, window)
        if ranOutOfPairs {
            cleared = true
            // Pictures used up the pairs: forget them all and draw this frame from scratch, every
            // cell sent again in its new pair. A frame needs at most one pair per cell.
            colorPairs.removeAll()
            ranOutOfPairs = false
            clearok(window, true)
            writeCells(screen, window)
        }
        let diff = PlacementDiff(from: placed, to: images, screenCleared: cleared)
        for kitty in diff.kittyDeletions { _ = GraphicsProbe.writeAll(GraphicsOutput.kittyDelete(kitty)) }
        // wredrawln: ncurses forgets what those rows show, so the next refresh sends them whole.
        for row in diff.repaintRows where row < Int(getmaxy(window)) { wredrawln(window, Int32(row), 1) }
        if let cursor = screen.cursor {
            curs_set(1)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wrefresh(window)
        for placement in diff.draws { _ = GraphicsProbe.writeAll(GraphicsOutput.place(placement)) }
        placed = images
    }

    private func writeCells(_ screen: Screen, _ window: UnsafeMutablePointer<WINDOW>) {
        let rows = min(screen.size.rows, Int(getmaxy(window)))
        let columns = min(screen.size.columns, Int(getmaxx(window)))
        var cell = cchar_t()
        var runStyle: CellStyle?
        var runAttributes = (ideo_a_normal(), Int32(0))
        withUnsafeTemporaryAllocation(of: wchar_t.self, capacity: 5) { text in
            for y in 0..<rows {
                for x in 0..<columns {
                    let c = screen[x, y]
                    if c.isContinuation { continue }
                    if c.width == 2 && x + 1 >= columns { continue }
                    if c.style != runStyle {
                        runStyle = c.style
                        runAttributes = attributes(for: c.style)
                    }
                    var count = 0
                    for scalar in c.character.unicodeScalars {
                        if count == 4 { break }
                        text[count] = wchar_t(bitPattern: scalar.value)
                        count += 1
                    }
                    text[count] = 0
                    _ = ideo_setcchar(&cell, text.baseAddress, runAttributes.0, runAttributes.1)
                    // The bottom-right cell cannot be written with mvwadd_wch without scrolling.
                    if y == rows - 1 && x == columns - 1 {
                        mvwins_wch(window, Int32(y), Int32(x), &cell)
                    } else {
                        mvwadd_wch(window, Int32(y), Int32(x), &cell)
                    }
                }
            }
        }
    }

    private func attributes(for style: CellStyle) -> (attr_t, Int32) {
        var attrs = ideo_a_normal()
        if style.attributes.contains(.bold) { attrs |= ideo_a_bold() }
        if style.attributes.contains(.dim) { attrs |= ideo_a_dim() }
        if style.attributes.contains(.reverse) { attrs |= ideo_a_reverse() }
        if style.attributes.contains(.underline) { attrs |= ideo_a_underline() }
        guard hasColors else {
            // Without colour, grey text still reads as secondary.
            if style.foreground == .gray { attrs |= ideo_a_dim() }
            return (attrs, 0)
        }
        let key = CellStyle.ColorKey(foreground: style.foreground, background: style.background)
        if key.foreground == .terminalDefault && key.background == .terminalDefault { return (attrs, 0) }
        switch colorPairs.pair(for: key) {
        case .known(let pair):
            return (attrs, pair)
        case .new(let pair):
            _ = ideo_init_pair(pair, colorNumber(key.foreground), colorNumber(key.background))
            return (attrs, pair)
        case .full:
            ranOutOfPairs = true
            return (attrs, 0)
        }
    }

    private func colorNumber(_ color: TerminalColor) -> Int32 {
        switch color {
        case .terminalDefault: -1
        case .black: 0
        case .red: 1
        case .green: 2
        case .yellow: 3
        case .blue: 4
        case .magenta: 5
        case .cyan: 6
        case .white: 7
        case .gray: colorCount >= 16 ? 8 : 7
        case .indexed(let n):
            // On an 8-colour terminal the bright colours 8...15 fall back to their normal forms.
            if Int32(n) < colorCount { Int32(n) } else if n < 16 { Int32(n) - 8 } else { 7 }
        }
    }

    /// Copies text to the clipboard through OSC 52, which most terminals (and tmux with
    /// `set-clipboard on`) pass to the system clipboard.
    public func copyToClipboard(_ text: String) {
        writeRaw("\u{1B}]52;c;\(Base64.encode(Array(text.utf8)))\u{07}")
    }

    /// Pasted text comes wrapped in ESC[200~ … ESC[201~, so it cannot act as keys.
    static let bracketedPasteOn = "\u{1B}[?2004h"
    static let bracketedPasteOff = "\u{1B}[?2004l"

    /// Terminal modes ncurses does not manage, written straight to the terminal.
    private func writeRaw(_ sequence: String) {
        let bytes = Array(sequence.utf8)
        _ = bytes.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
    }

    /// Stops the watcher, leaves curses mode and puts the terminal back as it was. Safe to call twice.
    public func stop() {
        reader?.cancel()
        reader = nil
        watcher?.stop()
        watcher = nil
        guard isStarted else { return }
        isStarted = false
        leaveScreen()
        TerminalGuard.forgetTerminal()
        TerminalGuard.uninstall()
    }

    /// Ctrl-Z: the shell gets its screen back with no picture left on it, the process stops
    /// (SIGTSTP, default action: the shell's job control sees it), and once continued the
    /// screen is taken again and drawn whole.
    public func suspend() -> Size {
        guard isStarted, let window else { return currentSize() }
        leaveScreen()
        // ncurses catches SIGTSTP to do its own endwin; ours is done, so stop plainly. The
        // actor runs on a Dispatch worker, which blocks SIGTSTP: unblocked here, raise stops the
        // process before it returns.
        let previous = signal(SIGTSTP, SIG_DFL)
        var tstp = sigset_t(), saved = sigset_t()
        sigemptyset(&tstp)
        sigaddset(&tstp, SIGTSTP)
        pthread_sigmask(SIG_UNBLOCK, &tstp, &saved)
        _ = raise(SIGTSTP)
        pthread_sigmask(SIG_SETMASK, &saved, nil)
        _ = signal(SIGTSTP, previous)
        // The refresh after endwin puts curses' terminal modes back.
        clearok(window, true)
        wrefresh(window)
        applyMouse(options.mouse)
        writeRaw(Self.bracketedPasteOn)
        return resizeFromKernel()
    }

    /// Takes every picture away, stops mouse reports and bracketed paste, and leaves curses mode.
    private func leaveScreen() {
        mousemask(0, nil)
        // Kitty images live outside the cells: leaving the alternate screen would not take them.
        _ = GraphicsProbe.writeAll(GraphicsOutput.leaving(placed))
        placed = []
        writeRaw(Self.bracketedPasteOff)
        endwin()
    }
}

/// Standard base64, for OSC 52.
enum Base64 {
    static func encode(_ bytes: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(table[Int(b0 >> 2)])
            out.append(table[Int((b0 & 3) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? table[Int((b1 & 15) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? table[Int(b2 & 63)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
