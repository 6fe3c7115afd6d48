import IdeogramKit

/// Endpoint and dialect, DEMO, the key's last characters, queue counts, images billed, and
/// the last message.
enum StatusBarView {
    static func draw(_ state: AppState, _ layout: Layout, _ screen: inout Screen) {
        let theme = state.theme
        let bar = layout.statusBar
        screen.fill(bar, style: theme.statusBar)
        var x = bar.x
        if state.connection.isDemo {
            x += screen.write(" DEMO ", x: x, y: bar.y, style: theme.demo)
        }
        let r = state.results
        var parts = ["\(TerminalSafeText.sanitize(state.connection.endpoint, limit: 80)) (\(state.connection.dialect))"]
        if let key = state.connection.redactedKey { parts.append("key …\(TerminalSafeText.sanitize(String(key.suffix(4)), limit: 4))") }
        let active = r.jobs.filter { $0.state.isInFlight && $0.state != .queued }.count
        parts.append("queued \(r.count(.queued)) active \(active) done \(r.count(.done)) failed \(r.count(.failed) + r.count(.rejected) + r.count(.outcomeUnknown))")
        parts.append("billed \(r.billedImages)")
        let left = " " + parts.joined(separator: " · ") + " "
        x += screen.write(left, x: x, y: bar.y, maxWidth: bar.maxX - x, style: theme.statusBar)
        if let message = state.message, x < bar.maxX - 3 {
            let style = message.isError ? theme.problem.adding(.reverse) : theme.statusBar.adding(.bold)
            screen.write(Draw.fit(" " + message.text + " ", width: bar.maxX - x), x: x, y: bar.y, style: style)
        }
    }
}

/// The keys of the focused pane, generated from its binding table.
enum FooterView {
    static func draw(_ state: AppState, _ layout: Layout, _ screen: inout Screen) {
        let theme = state.theme
        let row = layout.footer
        var x = row.x
        for binding in hints(for: state) {
            let key = binding.keysLabel
            let text = binding.hint ?? ""
            let width = DisplayWidth.of(key) + 1 + DisplayWidth.of(text) + 2
            if x + width > row.maxX { break }
            x += screen.write(key, x: x, y: row.y, style: theme.key)
            x += screen.write(" " + text + "  ", x: x, y: row.y, style: theme.dim)
        }
    }

    /// The bindings with a footer hint in the active contexts, pane keys first.
    static func hints(for state: AppState) -> [KeyBinding] {
        KeyDispatch.contexts(for: state).reversed().flatMap(BindingTables.table).filter { $0.hint != nil }
    }
}
