import ArgumentParser
import Foundation
import IdeogramKit
import ImagePreview

/// `ideogram-tui preview FILE`: an image as character cells with ANSI colours, on stdout.
struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Print a PNG, JPEG or WEBP image as character cells with ANSI colours, or as kitty, sixel or iTerm2 graphics.",
        // One line per paragraph: swift-argument-parser wraps each at the terminal's width.
        discussion: """
            The picture fits inside the box with its aspect kept (cells are taken to be twice as tall as wide). \
            Colours default to what the terminal declares: none when NO_COLOR is set, true colour when COLORTERM \
            is truecolor or 24bit, else 256. With --format kitty, sixel or iterm2 the picture is written as that \
            protocol's escape output (by libchafa) covering the box's cells at the cell size (--cell-size, else the \
            terminal's, else 10x20 pixels), followed by a newline. An animated WEBP shows its first frame. A file that cannot be \
            previewed gives a one-line reason on stderr and exit code 1.
            """
    )

    @Argument(help: "The image file.")
    var file: String

    @Option(parsing: .unconditional, help: ArgumentHelp("The box to fit in, in cells (default: the terminal's size, or 80x24).", valueName: "COLSxROWS"))
    var size: String?

    @Option(help: ArgumentHelp("Colours: 256, truecolor, 16 or none (plain ASCII).", valueName: "mode"))
    var colors: String?

    @Option(help: ArgumentHelp("Symbols: half (half blocks) or dense (block and border symbols).", valueName: "set"))
    var symbols: String = "half"

    @Option(help: ArgumentHelp("Output: symbols (character cells), kitty, sixel or iterm2 (terminal graphics).", valueName: "format"))
    var format: String = "symbols"

    @Option(help: ArgumentHelp("A cell's size in pixels for graphics (default: the terminal's, or 10x20).", valueName: "WxH"))
    var cellSize: String?

    func validate() throws {
        if format != "symbols", PixelProtocol(rawValue: format) == nil {
            throw ValidationError("--format must be symbols, kitty, sixel or iterm2 (got '\(format)')")
        }
        if let cellSize, Self.parseCellSize(cellSize) == nil {
            throw ValidationError("--cell-size must be WxH in pixels, each between 1 and 1000, e.g. 10x20 (got '\(cellSize)')")
        }
        if let size, Self.parseSize(size) == nil {
            throw ValidationError("--size must be COLSxROWS with each between 1 and 500, e.g. 80x40 (got '\(size)')")
        }
        if let colors, PreviewColorMode(rawValue: colors) == nil {
            throw ValidationError("--colors must be 256, truecolor, 16 or none (got '\(colors)')")
        }
        if PreviewSymbols(rawValue: symbols) == nil {
            throw ValidationError("--symbols must be half or dense (got '\(symbols)')")
        }
    }

    func run() throws {
        let box = size.flatMap(Self.parseSize) ?? Self.terminalBox()
        var options = PreviewOptions()
        options.colors = colors.flatMap(PreviewColorMode.init(rawValue:))
            ?? PreviewColorMode.preferred(environment: ProcessInfo.processInfo.environment)
        options.symbols = PreviewSymbols(rawValue: symbols) ?? .half
        if let pixelProtocol = PixelProtocol(rawValue: format) {
            let cell = cellSize.flatMap(Self.parseCellSize) ?? Self.terminalCell() ?? PixelEncoding.fallbackCell
            options.pixels = PixelEncoding(pixelProtocol: pixelProtocol, cellWidth: cell.width, cellHeight: cell.height)
        }
        do {
            let image = try Previewer.preview(path: file, columns: box.columns, rows: box.rows, options: options)
            FileHandle.standardOutput.write(Data(image.terminalOutput))
        } catch {
            FileHandle.standardError.write(Data("ideogram-tui preview: \(TerminalSafeText.sanitize(file, limit: 300)): \(error)\n".utf8))
            throw ExitCode.failure
        }
    }

    static func parseSize(_ text: String) -> (columns: Int, rows: Int)? {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let columns = Int(parts[0]), let rows = Int(parts[1]),
              (1...Previewer.maxCells).contains(columns), (1...Previewer.maxCells).contains(rows) else { return nil }
        return (columns, rows)
    }

    static func parseCellSize(_ text: String) -> (width: Int, height: Int)? {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]),
              (1...1000).contains(width), (1...1000).contains(height) else { return nil }
        return (width, height)
    }

    /// A cell's pixels from the kernel's window size, when stdout is a terminal that says.
    static func terminalCell() -> (width: Int, height: Int)? {
        var size = winsize()
        guard isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0,
              size.ws_col > 0, size.ws_row > 0, size.ws_xpixel > 0, size.ws_ypixel > 0 else { return nil }
        return (Int(size.ws_xpixel) / Int(size.ws_col), Int(size.ws_ypixel) / Int(size.ws_row))
    }

    /// The terminal's size less one row (for the prompt), when stdout is a terminal.
    static func terminalBox() -> (columns: Int, rows: Int) {
        var size = winsize()
        if isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 1 {
            return (Int(size.ws_col), Int(size.ws_row) - 1)
        }
        return (80, 24)
    }
}
