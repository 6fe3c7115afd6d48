#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Asks the terminal what graphics it shows, before the UI takes the screen: writes
/// `GraphicsReplies.query` and reads the answers until DA1's arrives or `timeout` passes, so a
/// terminal that answers nothing costs at most that.
public enum GraphicsProbe {
    public static func ask(timeout: Duration = .milliseconds(150)) -> GraphicsReplies? {
        guard isatty(0) == 1, isatty(1) == 1 else { return nil }
        var saved = termios()
        guard tcgetattr(0, &saved) == 0 else { return nil }
        // Answers arrive as input: no echo, no waiting for a line.
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(0, TCSANOW, &raw) == 0 else { return nil }
        defer { _ = tcsetattr(0, TCSANOW, &saved) }
        guard writeAll(GraphicsReplies.query) else { return nil }

        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var received: [UInt8] = []
        var replies = GraphicsReplies()
        var buffer = [UInt8](repeating: 0, count: 1024)
        while !replies.isComplete {
            let left = clock.now.duration(to: deadline)
            guard left > .zero else { break }
            var watch = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(max(1, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
            let ready = poll(&watch, 1, milliseconds)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { break }
            let count = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            received += buffer[0..<count]
            replies = GraphicsReplies.parse(received)
        }
        return replies
    }

    /// A cell's pixels from the kernel's window size (ws_xpixel, ws_ypixel); nil when the
    /// terminal does not fill them in.
    public static func cellPixelSize() -> CellPixelSize? {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0,
              size.ws_xpixel > 0, size.ws_ypixel > 0 else { return nil }
        return CellPixelSize(width: Int(size.ws_xpixel) / Int(size.ws_col), height: Int(size.ws_ypixel) / Int(size.ws_row))
    }

    /// Writes everything to stdout, through partial writes and signals.
    static func writeAll(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return false }
            }
            return true
        }
    }
}
