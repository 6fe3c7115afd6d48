#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts the terminal back however the program ends.
///
/// Signal handlers cannot reach an actor, so this is the one piece of global state outside
/// `CursesTerminal`: the termios saved before curses changed it, and the write end of the
/// pipe that wakes the input watcher. Handlers only make async-signal-safe calls.
///
/// - SIGTERM, SIGHUP, SIGWINCH: a byte down the wake pipe; the app loop then quits (with
///   `endwin`) or resizes in order.
/// - SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT (crashes and Swift traps): restore the
///   saved termios, write the reset bytes (leave the alternate screen, show the cursor, stop
///   mouse reports and bracketed paste), then re-raise with the default action so the crash
///   is still reported.
enum TerminalGuard {
    struct State {
        var saved = termios()
        var hasSaved: Int32 = 0
        var wakeFD: Int32 = -1
    }

    nonisolated(unsafe) static let state: UnsafeMutablePointer<State> = {
        let pointer = UnsafeMutablePointer<State>.allocate(capacity: 1)
        pointer.initialize(to: State())
        return pointer
    }()

    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT]
    static let wakeSignals: [Int32] = [SIGTERM, SIGHUP, SIGWINCH]

    /// Reset bytes prepared before any signal can arrive; a handler must not allocate.
    nonisolated(unsafe) static let resetBytes: UnsafeMutableBufferPointer<UInt8> = {
        let bytes = Array("\u{1B}[?2004l\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l\r\n".utf8)
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = buffer.initialize(from: bytes)
        return buffer
    }()

    /// Saves the terminal's settings; call after `newterm`, before `raw`.
    static func rememberTerminal() {
        _ = resetBytes
        if tcgetattr(0, &state.pointee.saved) == 0 { state.pointee.hasSaved = 1 }
    }

    static func forgetTerminal() {
        state.pointee.hasSaved = 0
    }

    static func install(wakeFD: Int32) {
        _ = resetBytes
        state.pointee.wakeFD = wakeFD
        for signal in crashSignals { _ = Glibc.signal(signal, crashHandler) }
        for signal in wakeSignals { _ = Glibc.signal(signal, wakeHandler) }
    }

    static func uninstall() {
        for signal in crashSignals + wakeSignals { _ = Glibc.signal(signal, SIG_DFL) }
        state.pointee.wakeFD = -1
    }

    /// What the wake pipe carries.
    static func byte(for signal: Int32) -> UInt8 {
        signal == SIGWINCH ? UInt8(ascii: "W") : UInt8(ascii: "T")
    }
}

private func crashHandler(_ signal: Int32) {
    let state = TerminalGuard.state
    if state.pointee.hasSaved != 0 {
        _ = tcsetattr(0, TCSANOW, &state.pointee.saved)
        _ = write(1, TerminalGuard.resetBytes.baseAddress, TerminalGuard.resetBytes.count)
    }
    _ = Glibc.signal(signal, SIG_DFL)
    _ = raise(signal)
}

private func wakeHandler(_ signal: Int32) {
    let fd = TerminalGuard.state.pointee.wakeFD
    guard fd >= 0 else { return }
    var byte = TerminalGuard.byte(for: signal)
    _ = write(fd, &byte, 1)
}
