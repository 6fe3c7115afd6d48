import Foundation
import IdeogramKit

/// Enter on a job: everything about it, nothing cut. The whole prompt, the source path, each
/// image of the answer (← → move between them) with its URL, saved path and fate, wrapped to
/// the view's width. Drawn over the right column, like the larger view.
enum DetailsView {
    static let labelWidth = 10

    /// One drawn line: a label (on the first line of a field only) and its text.
    struct Line: Hashable {
        var label: String
        var text: String
        var style: CellStyle
    }

    static func draw(_ state: AppState, layout: Layout, _ screen: inout Screen) {
        let theme = state.theme
        let rect = layout.enlargedView
        screen.fill(rect)
        guard let job = state.results.selectedJob, let details = state.results.details else { return }
        Draw.pane(rect, title: "Details · " + TerminalSafeTextBridge.text(job.sourceName, limit: 60), focused: true, theme: theme, &screen)
        let text = layout.detailsText
        let all = lines(job, image: details.image, width: text.width, state: state)
        let top = clampedScroll(details.scroll, lineCount: all.count, height: text.height)
        for (i, line) in all.dropFirst(top).prefix(text.height).enumerated() {
            let y = text.y + i
            screen.write(line.label, x: text.x, y: y, style: theme.title)
            screen.write(line.text, x: text.x + labelWidth, y: y, maxWidth: text.width - labelWidth, style: line.style)
        }
        if all.count > top + text.height {
            Draw.rightAligned(" ↓ more ", maxX: rect.maxX - 1, y: text.maxY, style: theme.focusedTitle, &screen)
        }
        if let box = layout.detailsPicture { drawPicture(job, details: details, state: state, box: box, &screen) }
    }

    /// Below a rule, the picture of the image the view is on, or why there is none.
    static func drawPicture(_ job: JobRow, details: ResultDetails, state: AppState, box: Rect, _ screen: inout Screen) {
        let theme = state.theme
        for x in box.x..<box.maxX { screen.write("─", x: x, y: box.y - 1, style: theme.border) }
        if job.downloadedFile(image: details.image) != nil {
            PreviewView.drawContent(state.previews[.enlarged].content, in: box, theme: theme, &screen)
        } else if job.images.indices.contains(details.image) {
            let note = "no picture: " + outcomeText(job.images[details.image].outcome)
            screen.write(Draw.fit(TerminalSafeTextBridge.text(note, limit: 300), width: box.width), x: box.x, y: box.y, style: theme.dim)
        } else {
            screen.write(Draw.fit(ResultPreviewsView.notDownloaded(job), width: box.width), x: box.x, y: box.y, style: theme.dim)
        }
    }

    /// The first line shown for a scroll position: never past the last screenful.
    static func clampedScroll(_ scroll: Int, lineCount: Int, height: Int) -> Int {
        max(0, min(scroll, lineCount - height))
    }

    /// The lines for the view's width: the job, then the image `image` of its answer.
    static func lines(_ job: JobRow, image index: Int, width: Int, state: AppState) -> [Line] {
        let theme = state.theme
        var out: [Line] = []
        func add(_ label: String, _ text: String, _ style: CellStyle) {
            let wrapped = TextWrap.lines(TerminalSafeTextBridge.text(text, limit: 10_000), width: max(1, width - labelWidth))
            for (i, part) in wrapped.enumerated() { out.append(Line(label: i == 0 ? label : "", text: part, style: style)) }
        }
        // A finished job's time text starts with its word; a running one's is a spinner.
        let time = ResultsPaneView.timeText(job, state: state)
        add("Job", "\(job.id) · " + (job.state.isInFlight ? "\(job.word) · \(time)" : time), theme.job(job))
        add("Source", job.sourcePath, theme.text)
        if let generation = job.generation {
            let model = generation.request.model
            add("Model", "\(model.rawValue) (\(model.kind.rawValue)): \(model.summary)", theme.text)
            add("Gen. id", generation.generationID ?? "none yet: the service has not accepted the job", theme.text)
            add("Quote", generation.quote?.text ?? "none was asked", theme.text)
            add("Billed", billedText(job, generation), generation.billedUSDMicros == nil ? theme.dim : theme.text)
            // Fields left out are not sent: the model picks their values.
            for (i, field) in JobRowFields.every(generation.request).enumerated() {
                add(i == 0 ? "Sent" : "", field.text, field.isSent ? theme.text : theme.dim)
            }
        } else {
            // The legacy answer says nothing of money: the cost is the configured estimate.
            let cost = job.cost(legacyPriceUSDMicros: state.legacyPriceUSDMicros).map { " · " + $0.text } ?? ""
            add("Sent", "legacy · " + job.shortParameters + cost, theme.text)
            add("Prompt", job.request.prompt ?? "—", theme.text)
        }
        if let error = job.errorText { add("Error", error, theme.problem) }
        if job.mayHaveBeenBilled { add("Billing", "sent but unanswered: may have been billed; R retries", theme.warning) }
        if job.isRetrying(in: state), let retry = job.retry, let text = job.retryText(now: state.now) {
            add("Retry", "\(text): \(retry.reason)", theme.warning)
        }
        guard !job.images.isEmpty else {
            add("URL", job.resultURL ?? "—", theme.key)
            add("File", job.localFile ?? "—", theme.text)
            return out
        }
        let shown = max(0, min(index, job.images.count - 1))
        let image = job.images[shown]
        out.append(Line(label: "", text: "", style: theme.text))
        let moves = job.images.count > 1 ? " · ← → other images" : ""
        add("Image", "\(shown + 1) of \(job.images.count)\(moves)", theme.focusedTitle)
        add("Size", "\(image.resolution) · seed \(image.seed)", theme.text)
        add("Used", image.prompt, theme.text)
        add("Outcome", outcomeText(image.outcome), image.outcome == .saved ? theme.success : theme.warning)
        add("URL", image.url ?? "—", theme.key)
        add("File", image.localFile ?? "—", theme.text)
        return out
    }

    /// What the job was billed: the service's figure, nothing for a failure, or why not known.
    static func billedText(_ job: JobRow, _ generation: JobRowGeneration) -> String {
        if let billed = generation.billedUSDMicros {
            return billed == 0 && job.state != .done ? "\(USDMicros.text(0)): it did not complete, nothing was billed" : USDMicros.text(billed)
        }
        return job.state.isInFlight ? "not yet: known when the generation completes" : "unknown"
    }

    static func outcomeText(_ outcome: JobImage.Outcome) -> String {
        switch outcome {
        case .pending: "not saved yet"
        case .saved: "saved"
        case .withheld: "withheld by the safety check: billed, no image"
        case .lost(let why): "lost: \(why)"
        }
    }
}
