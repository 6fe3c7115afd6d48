import Foundation
import IdeogramKit

/// One line per job, newest first, then the selected job's details.
enum ResultsPaneView {
    static func draw(_ state: AppState, _ layout: Layout, _ screen: inout Screen) {
        let theme = state.theme
        let results = state.results
        var counts: [String] = []
        let held = results.jobs.filter(state.isHeldByPause).count
        if results.inFlightCount > held { counts.append("\(results.inFlightCount - held) running") }
        if held > 0 { counts.append("\(held) held") }
        var title = counts.isEmpty ? "Results" : "Results · " + counts.joined(separator: " ")
        if !results.marks.isEmpty { title += " · \(results.marks.count) marked" }
        Draw.pane(layout.results, title: title, focused: state.focus == .results, theme: theme, &screen)
        let list = layout.resultsList
        if results.jobs.isEmpty {
            screen.write(Draw.fit("No jobs yet: pick an image and press Ctrl-S", width: list.width), x: list.x, y: list.y, style: theme.dim)
            return
        }
        let end = min(results.jobs.count, results.scrollTop + list.height)
        let shown = Array(results.jobs[results.scrollTop..<end])
        let rows = shown.map { JobRowTable.Row($0, state: state) }
        // While jobs are marked for comparing, a column says which (1, 2) in marking order.
        let markWidth = results.marks.isEmpty ? 0 : 1
        let table = JobRowTable.fit(rows, width: list.width - markWidth - 2)
        for (i, job) in shown.enumerated() {
            let rect = Rect(x: list.x, y: list.y + i, width: list.width, height: 1)
            drawRow(job, rows[i], table: table, selected: results.scrollTop + i == results.selectedIndex, state: state, rect: rect, &screen)
        }
        let ruleY = list.maxY
        for x in list.x..<list.maxX { screen.write("─", x: x, y: ruleY, style: theme.border) }
        if let previews = layout.resultsPreviews {
            for x in previews.x..<previews.maxX { screen.write("─", x: x, y: previews.maxY, style: theme.border) }
            if let job = results.selectedJob { ResultPreviewsView.drawSideBySide(job, state: state, layout: layout, &screen) }
        }
        if let job = results.selectedJob { drawDetails(job, state: state, rect: layout.resultsDetails, &screen) }
    }

    static func drawRow(_ job: JobRow, _ row: JobRowTable.Row, table: JobRowTable, selected: Bool, state: AppState, rect: Rect,
                        _ screen: inout Screen) {
        let theme = state.theme
        var x = rect.x
        if !state.results.marks.isEmpty {
            if let index = state.results.marks.firstIndex(of: job.id) { screen.write("\(index + 1)", x: x, y: rect.y, style: theme.mark) }
            x += 1
        }
        screen.write(job.mark(in: state), x: x, y: rect.y, style: theme.job(job))
        x += 2
        for (text, width, style) in [(row.name, table.nameWidth, theme.text), (row.model, table.modelWidth, theme.dim),
                                     (row.fields, table.fieldsWidth, theme.dim)] where width > 0 {
            screen.write(Draw.fit(text, width: width), x: x, y: rect.y, style: style)
            x += width + 1
        }
        var right = rect.maxX - table.rightWidth
        screen.write(Draw.fit(row.statusText(long: table.longStatus), width: table.statusWidth), x: right, y: rect.y, style: theme.job(job))
        right += table.statusWidth + 1
        if table.costWidth > 0 {
            // Only a billed amount is a fact; a quote or an estimate is dim.
            let billed = job.generation?.billedUSDMicros != nil
            Draw.rightAligned(row.costText(long: table.longCost), maxX: right + table.costWidth, y: rect.y,
                              style: billed ? theme.text : theme.dim, &screen)
        }
        if table.resolutionWidth > 0 { Draw.rightAligned(row.resolution, maxX: rect.maxX, y: rect.y, style: theme.job(job), &screen) }
        if selected { screen.restyle(rect) { $0.attributes.insert(.reverse) } }
    }

    /// The job's state and time: "⠋ generating 0:12", "done 12.5s", "failed: <the service's
    /// reason>"; `short` leaves a finished job's time and reason out, for a narrow row.
    static func timeText(_ job: JobRow, state: AppState, short: Bool = false) -> String {
        let start = job.startedAt ?? job.submittedAt
        if job.state.isInFlight {
            // A job held by a pause shows no spinner: nothing moves until the user resumes.
            if state.isHeldByPause(job) { return "paused" }
            if job.capHold != nil { return "held: daily cap" }
            if job.isRetrying(in: state), let text = job.retryText(now: state.now) { return text }
            let spin = Draw.spinner[state.tickCount % Draw.spinner.count]
            if job.state == .queued { return "\(spin) queued" }
            if job.state == .uploading, let fraction = job.uploadFraction { return "\(spin) \(Int(fraction * 100))%" }
            if job.generation != nil, let word = generationWord(job, since: start, state: state) { return "\(spin) \(word)" }
            return "\(spin) \(Draw.elapsed(state.now.timeIntervalSince(start)))"
        }
        if short { return job.word }
        if job.state == .failed, let reason = job.generation?.failureReason {
            return "failed: " + TerminalSafeTextBridge.text(reason, limit: 80)
        }
        if let finished = job.finishedAt { return "\(job.word) \(Draw.elapsed(finished.timeIntervalSince(start)))" }
        return job.word
    }

    /// A v2 job on its way: "sending" until the service accepts it, then "generating" with the
    /// time since it was sent (from the ticks' time), then "downloading".
    private static func generationWord(_ job: JobRow, since start: Date, state: AppState) -> String? {
        switch job.state {
        case .waitingForAnswer: "sending"
        case .generating: "generating " + JobRowTable.clock(state.now.timeIntervalSince(start))
        case .downloading: "downloading"
        default: nil
        }
    }

    static func drawDetails(_ job: JobRow, state: AppState, rect: Rect, _ screen: inout Screen) {
        let theme = state.theme
        var lines: [(String, String, CellStyle)] = []
        if let pause = state.queuePause, state.isHeldByPause(job) {
            lines.append(("Waiting", "queue paused — \(pause.reason); p resumes", theme.warning))
        }
        if let hold = job.capHold {
            lines.append(("Held", TerminalSafeTextBridge.text(hold, limit: 240) + " (config.toml; then restart)", theme.warning))
        }
        if job.isRetrying(in: state), let retry = job.retry, let text = job.retryText(now: state.now) {
            lines.append(("Retry", "\(text): \(retry.reason)", theme.warning))
        }
        if job.hasWithheldImages {
            lines.append(("Safety", "\(job.word) by the safety check: billed, no image to show", theme.warning))
        }
        if let error = job.errorText {
            lines.append(("Error", error, theme.problem))
        }
        if job.mayHaveBeenBilled {
            lines.append(("Billing", "sent but unanswered: may have been billed; R retries", theme.warning))
        }
        var facts = job.word
        if let request = job.generation?.request {
            // A v2 job: the model and what was sent come first; a prompt only when one was sent.
            lines.append(("Model", "\(request.model.rawValue) (\(request.model.kind.rawValue)) · \(JobRowFields.sizeOption(request))", theme.text))
            lines.append(("Fields", JobRowFields.sent(request), theme.text))
            if let prompt = job.promptSent { lines.append(("Prompt", prompt, theme.text)) }
        } else {
            lines.append(("Prompt", job.promptUsed ?? job.request.prompt ?? "—", theme.text))
            facts += " · \(job.modelName) \(job.keyFields)"
        }
        if let seed = job.seed { facts += " · seed \(seed)" }
        if let resolution = job.resultResolution { facts += " · \(resolution)" }
        if let cost = job.cost(legacyPriceUSDMicros: state.legacyPriceUSDMicros) { facts += " · \(cost.text)" }
        lines.append(("Job", facts, theme.text))
        lines.append(("URL", job.resultURL ?? "—", theme.key))
        lines.append(("File", job.localFile ?? "—", theme.text))
        for (i, line) in lines.prefix(rect.height).enumerated() {
            let used = screen.write(line.0.padding(toLength: 8, withPad: " ", startingAt: 0), x: rect.x, y: rect.y + i, style: theme.title)
            let text = TerminalSafeText.sanitize(line.1, limit: 1000)
            screen.write(Draw.fit(text, width: rect.width - used), x: rect.x + used, y: rect.y + i, style: line.2)
        }
    }
}
