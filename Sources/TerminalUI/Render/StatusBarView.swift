import IdeogramKit

/// DEMO, a paused queue, endpoint and dialect, the key's last characters, queue counts,
/// images billed, and the last message.
enum StatusBarView {
    static func draw(_ state: AppState, _ layout: Layout, _ screen: inout Screen) {
        let theme = state.theme
        let bar = layout.statusBar
        screen.fill(bar, style: theme.statusBar)
        var x = bar.x
        if state.connection.isDemo {
            x += screen.write(" DEMO ", x: x, y: bar.y, style: theme.demo)
        }
        if let pause = state.queuePause {
            x += screen.write(Draw.fit(pausedText(pause), width: bar.maxX - x), x: x, y: bar.y, style: theme.paused)
        }
        if state.isQuitting {
            x += screen.write(Draw.fit(quittingText(sent: state.results.sentCount), width: bar.maxX - x), x: x, y: bar.y, style: theme.paused)
        }
        let message = state.message.map { " " + $0.text + " " }
        let left = leftText(state, width: bar.maxX - x, leaving: message.map { DisplayWidth.of($0) } ?? 0)
        x += screen.write(Draw.fit(left, width: bar.maxX - x), x: x, y: bar.y, style: theme.statusBar)
        if let message, let isError = state.message?.isError, x < bar.maxX {
            let style = isError ? theme.problem.adding(.reverse) : theme.statusBar.adding(.bold)
            screen.write(Draw.fit(message, width: bar.maxX - x), x: x, y: bar.y, style: style)
        }
    }

    /// What stopped the queue and the key that starts it again.
    static func pausedText(_ pause: QueuePause) -> String {
        " paused: \(TerminalSafeText.sanitize(pause.reason, limit: 120)) · p resumes "
    }

    /// Why the UI has not ended yet, and how to end it now.
    static func quittingText(sent: Int) -> String {
        guard sent > 0 else { return " quitting: queued jobs stay queued for the next run " }
        return " waiting for \(sent) answer\(sent == 1 ? "" : "s") already paid for; q again abandons \(sent == 1 ? "it" : "them") "
    }

    /// The connection and queue summary, shortened so the message gets the room it needs:
    /// the endpoint goes first, then the key; the counts stay while a short message fits.
    static func leftText(_ state: AppState, width: Int, leaving messageWidth: Int) -> String {
        let r = state.results
        let endpoint = "\(TerminalSafeText.sanitize(state.connection.endpoint, limit: 80)) (\(state.connection.dialect))"
        let key = state.connection.redactedKey.map { $0.isEmpty ? "key set" : "key …\($0)" }
        let active = r.jobs.filter { $0.state.isInFlight && $0.state != .queued }.count
        let counts = "queued \(r.count(.queued)) active \(active) done \(r.count(.done)) failed \(r.count(.failed) + r.count(.rejected) + r.count(.outcomeUnknown))"
        let billed = "billed \(r.billedImages)"
        let variants: [[String?]] = [[endpoint, key, counts, billed], [key, counts, billed], [counts, billed], []]
        let texts = variants.map { parts in
            let kept = parts.compactMap { $0 }
            return kept.isEmpty ? "" : " " + kept.joined(separator: " · ") + " "
        }
        guard messageWidth > 0 else { return texts[0] }
        // The richest summary that leaves the whole message room; else the counts alone (they
        // stay until the next message) when that leaves the message a fair share; else the
        // message has the bar.
        if let fits = texts.dropLast().first(where: { DisplayWidth.of($0) + messageWidth <= width }) { return fits }
        return width - DisplayWidth.of(texts[2]) >= min(messageWidth, 24) ? texts[2] : ""
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
            let text = hint(binding, state)
            let width = DisplayWidth.of(key) + 1 + DisplayWidth.of(text) + 2
            if x + width > row.maxX { break }
            x += screen.write(key, x: x, y: row.y, style: theme.key)
            x += screen.write(" " + text + "  ", x: x, y: row.y, style: theme.dim)
        }
    }

    /// A binding's footer word; in the larger view `v` goes back, so it says so.
    static func hint(_ binding: KeyBinding, _ state: AppState) -> String {
        if binding.command == .toggleEnlarged && state.results.isEnlarged { return "back" }
        if binding.command == .togglePause && state.queuePause != nil { return "resume" }
        return binding.hint ?? ""
    }

    /// The bindings with a footer hint in the active contexts, pane keys first.
    static func hints(for state: AppState) -> [KeyBinding] {
        KeyDispatch.contexts(for: state).reversed().flatMap(BindingTables.table).filter { $0.hint != nil }
    }
}
