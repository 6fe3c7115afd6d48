import Foundation

/// Where a command's text goes: stdout, stderr, and the terminal's width for the live block.
/// Tests give their own to read what was written.
public struct ConsoleOutput: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void
    public var width: @Sendable () -> Int

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void,
                width: @escaping @Sendable () -> Int = { 80 }) {
        self.out = out
        self.err = err
        self.width = width
    }

    /// Straight to the file descriptors: `print` buffers when piped, and scripts read each line
    /// as it comes.
    public static let standard = ConsoleOutput(
        out: { FileHandle.standardOutput.write(Data($0.utf8)) },
        err: { FileHandle.standardError.write(Data($0.utf8)) },
        width: {
            var size = winsize()
            guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
            return Int(size.ws_col)
        })
}
