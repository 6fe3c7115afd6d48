import IdeogramKit

/// DEMO, a paused queue, endpoint and dialect, the key's last characters, queue counts,
/// images billed, and the last message. However narrow the bar, the billed count stays: the
/// rest is shortened or left out first.
enum StatusBarView {
    static func draw(_ state: AppState, _ layout: Layout, _ screen: inout Screen) {
        let theme = state.theme
        let bar = layout.statusBar
        screen.fill(bar, style: theme.statusBar)
        var x = bar.x
        if state.connection.isDemo {
            x += screen.write(" DEMO ", x: x, y: bar.y, style: theme.demo)
        }
        let money = DisplayWidth.of(summary([billedText(state)]))
        if let pause = state.queuePause {
            x += screen.write(Draw.fit(pausedText(pause), width: bar.maxX - x - money), x: x, y: bar.y, style: theme.paused)
        }
        let capHeld = state.results.queueJobs.count { $0.capHold != nil }
        if capHeld > 0 && state.queuePause == nil {
            x += screen.write(Draw.fit(capHeldText(capHeld), width: bar.maxX - x - money), x: x, y: bar.y, style: theme.paused)
        }
        if state.isQuitting {
            x += screen.write(Draw.fit(quittingText(sent: state.results.sentCount), width: bar.maxX - x - money), x: x, y: bar.y, style: theme.paused)
        }
        let message = state.message.map { " " + $0.text + " " }
        let left = leftText(state, width: bar.maxX - x, leaving: message.map { DisplayWidth.of($0) } ?? 0)
        x += screen.write(left, x: x, y: bar.y, maxWidth: bar.maxX - x, style: theme.statusBar)
        if let message, let isError = state.message?.isError, x < bar.maxX {
            let style = isError ? theme.problem.adding(.reverse) : theme.statusBar.adding(.bold)
            screen.write(Draw.fit(message, width: bar.maxX - x), x: x, y: bar.y, style: style)
        }
    }

    /// What stopped the queue and the key that starts it again.
    static func pausedText(_ pause: QueuePause) -> String {
        " paused: \(TerminalSafeText.sanitize(pause.reason, limit: 120)) · p resumes "
    }

    /// Jobs the daily cap holds, and how to raise it.
    static func capHeldText(_ count: Int) -> String {
        " \(count) held by the daily cap · raise max_spend_usd_per_day in config.toml, then restart and R "
    }

    /// Why the UI has not ended yet, and how to end it now.
    static func quittingText(sent: Int) -> String {
        guard sent > 0 else { return " quitting: queued jobs stay queued for the next run " }
        return " waiting for \(sent) answer\(sent == 1 ? "" : "s") already paid for; q again abandons \(sent == 1 ? "it" : "them") "
    }

    /// Images billed since start and today's spend against the cap: never left out.
    static func billedText(_ state: AppState) -> String {
        "billed \(state.results.billedImages)" + (state.spend.map { " · " + $0.text } ?? "")
    }

    /// The connection and queue summary, shortened so the message gets the room it needs:
    /// the endpoint goes first, then the key, then the counts' words; the billed count stays.
    static func leftText(_ state: AppState, width: Int, leaving messageWidth: Int) -> String {
        let r = state.results
        let endpoint = "\(TerminalSafeText.sanitize(state.connection.endpoint, limit: 80)) (\(state.connection.dialect))"
        let key = state.connection.redactedKey.map { $0.isEmpty ? "key set" : "key …\($0)" }
        // This run's jobs only, like `count` (history rows of earlier runs are not counted).
        let active = r.sentCount
        let withheld = r.queueJobs.filter(\.hasWithheldImages).count
        let done = r.count(.done) - withheld
        let failed = r.count(.failed) + r.count(.rejected) + r.count(.outcomeUnknown)
        var counts = "queued \(r.count(.queued)) active \(active) done \(done) failed \(failed)"
        // The marks the rows use, for a bar too narrow for the words.
        var shortCounts = "·\(r.count(.queued)) ↑\(active) ✓\(done) ✗\(failed)"
        if withheld > 0 {
            counts += " withheld \(withheld)"
            shortCounts += " ∅\(withheld)"
        }
        let billed = billedText(state)
        let texts = [[endpoint, key, counts, billed], [key, counts, billed], [counts, billed], [shortCounts, billed], [billed]]
            .map { summary($0) }
        // The richest summary with the counts in words that leaves the whole message room;
        // else the richest that leaves the message a fair share; else the billed count alone.
        if let fits = texts.prefix(3).first(where: { DisplayWidth.of($0) + messageWidth <= width }) { return fits }
        let fair = min(messageWidth, 24)
        return texts.dropFirst(2).first { width - DisplayWidth.of($0) >= fair } ?? texts[texts.count - 1]
    }

    /// Parts joined with dots, a space either side.
    static func summary(_ parts: [String?]) -> String {
        " " + parts.compactMap { $0 }.joined(separator: " · ") + " "
    }
}

/// The keys of the focused pane, generated from its binding table. When they do not all fit,
/// each shows its first key only, and the submit key comes first (it spends money, so it is
/// never the one left out), then help.
enum FooterView {
    static func draw(_ state: AppState, _ layout: Layout, _ screen: inout Screen) {
        let theme = state.theme
        let row = layout.footer
        var x = row.x
        for (key, text) in items(for: state, width: row.width) {
            x += screen.write(key, x: x, y: row.y, style: theme.key)
            x += screen.write(" " + text + "  ", x: x, y: row.y, maxWidth: row.maxX - x, style: theme.dim)
        }
    }

    /// The (keys, word) pairs that fit in `width`: every hint as the tables list them when
    /// they all fit; else first keys only, submit and help first, and those that fit.
    static func items(for state: AppState, width: Int) -> [(String, String)] {
        let bindings = hints(for: state)
        let full = bindings.map { ($0.keysLabel, hint($0, state)) }
        if used(full) <= width { return full }
        let first: [Command] = [.submit, .showHelp]
        let prioritised = first.compactMap { command in bindings.first { $0.command == command } }
            + bindings.filter { !first.contains($0.command) }
        var kept: [(String, String)] = []
        var room = width
        for binding in prioritised {
            let item = (binding.keysLabelOverride ?? binding.keys[0].label, hint(binding, state))
            // The last item needs no gap after it.
            let need = used([item])
            guard need <= room else { continue }
            kept.append(item)
            room -= need + 2
        }
        return kept
    }

    /// Cells the items take: "key word" and two spaces each.
    private static func used(_ items: [(String, String)]) -> Int {
        items.reduce(0) { $0 + DisplayWidth.of($1.0) + 1 + DisplayWidth.of($1.1) + 2 } - (items.isEmpty ? 0 : 2)
    }

    /// A binding's footer word; in the larger view `v` goes back, so it says so.
    static func hint(_ binding: KeyBinding, _ state: AppState) -> String {
        if binding.command == .toggleEnlarged && state.results.isEnlarged { return "back" }
        if binding.command == .togglePause && state.queuePause != nil { return "resume" }
        if let word = stepHint(binding.command, state) { return word }
        return binding.hint ?? ""
    }

    /// The arrows' words for the focused v2 field: hundredths on a 0-1 slider, and the next
    /// option on a choice or toggle.
    static func stepHint(_ command: Command, _ state: AppState) -> String? {
        let p = state.parameters
        guard state.focus == .parameters, p.models.model != nil, p.focus != .prompt else { return nil }
        switch (p.models.focus.kind, command) {
        case (.decimal, .decrease): return "-0.01"
        case (.decimal, .increase): return "+0.01"
        case (.decimal, .decreaseTen): return "-0.1"
        case (.decimal, .increaseTen): return "+0.1"
        case (.choice, .decrease), (.toggle, .decrease): return "prev"
        case (.choice, .increase), (.toggle, .increase): return "next"
        default: return nil
        }
    }

    /// The bindings with a footer hint in the active contexts, pane keys first.
    static func hints(for state: AppState) -> [KeyBinding] {
        KeyDispatch.contexts(for: state).reversed().flatMap(BindingTables.table).filter { $0.hint != nil }
            // Auto is a v2 model's; the legacy fields have none.
            .filter { $0.command != .setAuto || state.parameters.models.model != nil }
    }
}
