import AppSettings
import CursesBackend
import ImagePreview

/// How the UI draws previews, decided once before it takes the screen: the protocol (nil:
/// character cells) and a cell's size in pixels.
struct PreviewGraphics: Equatable {
    var pixelProtocol: PixelProtocol?
    /// From the terminal's answer to `CSI 16 t`, for terminals that leave the kernel's pixel
    /// size at zero; the kernel's figure is read again at each load.
    var answeredCell: CellPixelSize?

    /// `setting` from `IDEOGRAM_PREVIEW` or `preview_protocol`. `auto` asks the terminal
    /// (`ask`, at most once) unless colours are off, the terminal is the Linux console or a
    /// dumb one, or the UI runs inside tmux or screen: there passthrough is unreliable and
    /// pixels outlive the pane they were drawn in, so cells unless the user names a protocol.
    /// A named protocol is used as it is; the terminal is then asked only for the cell size,
    /// when the kernel does not know it (`kernelCell` nil).
    static func decide(_ setting: PreviewProtocolSetting, colors: Bool, environment: [String: String],
                       kernelCell: CellPixelSize?, ask: () -> GraphicsReplies?) -> PreviewGraphics {
        let named: PixelProtocol?
        switch setting {
        case .symbols: return PreviewGraphics()
        case .kitty: named = .kitty
        case .sixel: named = .sixel
        case .iterm2: named = .iterm2
        case .auto: named = nil
        }
        if let named {
            return PreviewGraphics(pixelProtocol: named, answeredCell: kernelCell == nil ? ask()?.cellPixels : nil)
        }
        let term = environment["TERM"] ?? ""
        guard colors, !isInsideMultiplexer(environment), term != "linux", term != "dumb", !term.isEmpty,
              let replies = ask() else { return PreviewGraphics() }
        let found: PixelProtocol?
        if replies.kitty { found = .kitty }
        else if replies.sixel { found = .sixel }
        else if environment["TERM_PROGRAM"] == "iTerm.app" { found = .iterm2 }
        else { found = nil }
        return PreviewGraphics(pixelProtocol: found, answeredCell: found == nil ? nil : replies.cellPixels)
    }

    /// tmux or GNU screen: by their variables, or a TERM they set.
    static func isInsideMultiplexer(_ environment: [String: String]) -> Bool {
        if let tmux = environment["TMUX"], !tmux.isEmpty { return true }
        if let sty = environment["STY"], !sty.isEmpty { return true }
        let term = environment["TERM"] ?? ""
        return term.hasPrefix("screen") || term.hasPrefix("tmux")
    }

    /// A cell's pixels now: the kernel's, else the terminal's answer, else a usual cell.
    func cellPixels(kernel: CellPixelSize?) -> (width: Int, height: Int) {
        if let cell = kernel ?? answeredCell { return (cell.width, cell.height) }
        return PixelEncoding.fallbackCell
    }
}
