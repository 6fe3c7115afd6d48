import IdeogramKit

/// The selected job's pictures: source and result side by side in the results pane, or the
/// result alone in the larger view over the right column.
enum ResultPreviewsView {
    static func drawSideBySide(_ job: JobRow, state: AppState, layout: Layout, _ screen: inout Screen) {
        for slot in [PreviewSlot.source, .result] {
            guard let half = layout.resultsPreviewHalf(slot), let box = layout.resultsPreviewPicture(slot) else { continue }
            let content = state.previews[slot].content
            let label = slot == .source ? "Source" : "Result"
            let used = screen.write(label, x: half.x, y: half.y, maxWidth: half.width, style: state.theme.title.adding(.bold))
            var resolution = self.resolution(slot, job: job, content: content)
            if slot == .result, let position = LoupeUpdate.position(state) { resolution = position + " · " + resolution }
            if !resolution.isEmpty {
                screen.write(Draw.fit(" " + resolution, width: half.width - used), x: half.x + used, y: half.y, style: state.theme.title)
            }
            if slot == .result && job.downloadedFile == nil {
                screen.write(Draw.fit(notDownloaded(job), width: box.width), x: box.x, y: box.y, style: state.theme.dim)
            } else {
                PreviewView.drawContent(content, in: box, theme: state.theme, &screen)
            }
        }
    }

    /// The result alone, as large as the right column allows; Esc or `v` goes back.
    static func drawEnlarged(_ state: AppState, layout: Layout, _ screen: inout Screen) {
        let theme = state.theme
        let rect = layout.enlargedView
        screen.fill(rect)
        var title = "Result"
        if let job = state.results.selectedJob { title += " · " + TerminalSafeTextBridge.text(job.sourceName, limit: 60) }
        Draw.pane(rect, title: title, focused: true, theme: theme, &screen)
        let info = layout.enlargedInfo
        guard let job = state.results.selectedJob else {
            screen.write("no job selected", x: info.x, y: info.y, style: theme.dim)
            return
        }
        guard job.downloadedFile != nil else {
            screen.write(Draw.fit(notDownloaded(job), width: info.width), x: info.x, y: info.y, style: theme.dim)
            return
        }
        let content = state.previews[.enlarged].content
        var line = resolution(.enlarged, job: job, content: content)
        if case .picture(_, let facts) = content { line = PreviewView.factsLine(facts) }
        if let position = LoupeUpdate.position(state) { line = position + " · " + line }
        var used = screen.write(Draw.fit(line, width: info.width), x: info.x, y: info.y, style: theme.title)
        // Most needed first; each only where it fits whole.
        let hints = state.loupe.isZoomed ? ["  hjkl: pan", "  0: centre", "  z: zoom"] : ["  v or Esc: back", "  z: zoom"]
        for hint in hints where used + DisplayWidth.of(hint) <= info.width {
            used += screen.write(hint, x: info.x + used, y: info.y, style: theme.dim)
        }
        PreviewView.drawContent(content, in: layout.enlargedPicture, theme: theme, &screen)
    }

    /// The picture's pixel size once loaded; before that what the job says (results only).
    static func resolution(_ slot: PreviewSlot, job: JobRow, content: PreviewContent?) -> String {
        if case .picture(_, let facts) = content { return facts.resolution }
        if slot != .source, let resolution = job.resultResolution { return TerminalSafeTextBridge.text(resolution, limit: 20) }
        return ""
    }

    /// One line for a result with nothing to show yet (or ever).
    static func notDownloaded(_ job: JobRow) -> String {
        switch job.state {
        case .done where job.withheldImages == job.images.count && !job.images.isEmpty:
            "withheld by the safety check: billed, nothing to show"
        case .done: "done, but no saved file to show"
        case .queued, .uploading, .waitingForAnswer, .generating: "no result yet: \(job.state.label)"
        case .downloading: "downloading the result…"
        case .failed: "no result: the job failed"
        case .rejected: "no result: the job was rejected"
        case .cancelled: "no result: the job was cancelled"
        case .outcomeUnknown: "no result: outcome unknown"
        }
    }
}
