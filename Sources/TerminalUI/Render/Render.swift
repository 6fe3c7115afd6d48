import Foundation
/// Draws the whole state into a fresh screen. Pure: the same state and size always give the
/// same cells. Only the rows on screen are drawn, so a folder of 100,000 entries costs no more
/// than one of twenty.
public func render(_ state: AppState, size: Size) -> Screen {
    var screen = Screen(size: size)
    let layout = Layout(size: size)
    if layout.isTooSmall {
        TooSmallView.draw(into: &screen, theme: state.theme)
        return screen
    }
    FilesPaneView.draw(state, layout, &screen)
    ParametersPaneView.draw(state, layout, &screen)
    ResultsPaneView.draw(state, layout, &screen)
    if state.showsEnlargedResult { ResultPreviewsView.drawEnlarged(state, layout: layout, &screen) }
    if state.showsDetails { DetailsView.draw(state, layout: layout, &screen) }
    if state.showsCompare { CompareView.draw(state, layout: layout, &screen) }
    StatusBarView.draw(state, layout, &screen)
    FooterView.draw(state, layout, &screen)
    switch state.overlay {
    case .help(let filter, let scroll): HelpOverlayView.draw(state, filter: filter, scroll: scroll, &screen)
    case .confirm(let question): ConfirmOverlayView.draw(question, state, &screen)
    case .modelChooser(let chooser): ModelChooserView.draw(chooser, state, &screen)
    case nil: break
    }
    return screen
}

enum TooSmallView {
    static func draw(into screen: inout Screen, theme: Theme) {
        let have = "\(screen.size.columns)x\(screen.size.rows)"
        let need = "\(Layout.minimum.columns)x\(Layout.minimum.rows)"
        let lines = ["Terminal too small", "need \(need), have \(have)", "enlarge the window, or q to quit"]
        let top = max(0, screen.size.rows / 2 - 1)
        for (i, line) in lines.enumerated() {
            let x = max(0, (screen.size.columns - DisplayWidth.of(line)) / 2)
            screen.write(line, x: x, y: top + i, style: i == 0 ? theme.problem : theme.text)
        }
    }
}

/// Small drawing helpers the views share.
enum Draw {
    static func pane(_ rect: Rect, title: String, focused: Bool, theme: Theme, _ screen: inout Screen) {
        screen.box(rect, title: title, style: focused ? theme.focusedBorder : theme.border,
                   titleStyle: focused ? theme.focusedTitle : theme.title)
    }

    /// Writes text right-aligned so that it ends at `maxX`; returns its first column.
    @discardableResult
    static func rightAligned(_ text: String, maxX: Int, y: Int, style: CellStyle, _ screen: inout Screen) -> Int {
        let x = maxX - DisplayWidth.of(text)
        screen.write(text, x: x, y: y, style: style)
        return x
    }

    /// Cuts text to a width, ending in "…" when cut.
    static func fit(_ text: String, width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        var out = ""
        var used = 0
        for character in text {
            let w = DisplayWidth.of(character)
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }

    static func elapsed(_ seconds: Double) -> String {
        let s = max(0, seconds)
        if s < 60 { return String(format1(s)) + "s" }
        let minutes = Int(s) / 60
        return "\(minutes)m\(String(format: "%02d", Int(s) % 60))s"
    }

    private static func format1(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded(.down))
        return "\(tenths / 10).\(tenths % 10)"
    }

    static let spinner: [String] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
}
