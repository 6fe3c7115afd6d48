import IdeogramKit

/// `c` with two marked jobs: their results side by side over every pane, each with its model,
/// the fields sent, the picture's size and the cost; the first job's source above or beside
/// them when the screen has room. Esc goes back to where the user was.
enum CompareView {
    static func draw(_ state: AppState, layout: Layout, _ screen: inout Screen) {
        let theme = state.theme
        let rect = layout.compareView
        screen.fill(rect)
        guard let pair = state.results.compare else { return }
        let first = state.results.job(pair.first)
        let second = state.results.job(pair.second)
        let differ = first != nil && second != nil && first?.sourcePath != second?.sourcePath
        let loupe = LoupeUpdate.position(state).map { " · " + $0 } ?? ""
        Draw.pane(rect, title: "Compare" + (differ ? " · two different sources" : "") + loupe + " · Esc back", focused: true, theme: theme, &screen)
        if let area = layout.compareSource {
            drawSource(first, second, state: state, layout: layout, area: area, &screen)
            if layout.compareSourcePlace == .above {
                for x in area.x..<area.maxX { screen.write("─", x: x, y: area.maxY, style: theme.border) }
            } else {
                for y in area.y..<area.maxY { screen.write("│", x: area.maxX, y: y, style: theme.border) }
            }
        }
        let left = layout.compareColumn(0)
        for y in left.y..<left.maxY { screen.write("│", x: left.maxX, y: y, style: theme.border) }
        drawColumn(first, number: 1, slot: .compareFirst, state: state, layout: layout, &screen)
        drawColumn(second, number: 2, slot: .compareSecond, state: state, layout: layout, &screen)
    }

    /// The first job's source with its size; when the second job started from another
    /// picture, the label says so and names both.
    static func drawSource(_ first: JobRow?, _ second: JobRow?, state: AppState, layout: Layout, area: Rect, _ screen: inout Screen) {
        let theme = state.theme
        guard let first else { return }
        let content = state.previews[.compareSource].content
        let name = TerminalSafeTextBridge.text(first.sourceName, limit: 80)
        var label = "Source " + name
        if case .picture(_, let facts) = content { label += " " + facts.resolution }
        var style = theme.title
        if let second, second.sourcePath != first.sourcePath {
            label = "Sources differ: this is \(name) (1); 2 started from " + TerminalSafeTextBridge.text(second.sourceName, limit: 80)
            style = theme.warning
        }
        screen.write(Draw.fit(label, width: area.width), x: area.x, y: area.y, style: style)
        if let box = layout.comparePicture(.compareSource) { PreviewView.drawContent(content, in: box, theme: theme, &screen) }
    }

    /// One job: its number and name, model and factor, fields, size and cost, then its result.
    static func drawColumn(_ job: JobRow?, number: Int, slot: PreviewSlot, state: AppState, layout: Layout, _ screen: inout Screen) {
        let theme = state.theme
        let column = layout.compareColumn(number - 1)
        screen.write("\(number) ", x: column.x, y: column.y, style: theme.mark)
        guard let job else {
            screen.write(Draw.fit("this job is no longer listed", width: column.width - 2), x: column.x + 2, y: column.y, style: theme.dim)
            return
        }
        let content = state.previews[slot].content
        let lines = info(job, content: content, state: state)
        for (i, line) in lines.prefix(Layout.compareInfoRows).enumerated() {
            let x = i == 0 ? column.x + 2 : column.x
            let width = column.maxX - x
            screen.write(Draw.fit(TerminalSafeTextBridge.text(line.text, limit: 2000), width: width), x: x, y: column.y + i, style: line.style)
        }
        guard let box = layout.comparePicture(slot) else { return }
        if job.downloadedFile == nil {
            screen.write(Draw.fit(ResultPreviewsView.notDownloaded(job), width: box.width), x: box.x, y: box.y, style: theme.dim)
        } else {
            PreviewView.drawContent(content, in: box, theme: theme, &screen)
        }
    }

    /// The lines above a result: name, model and factor or tier, the fields sent, then the size
    /// (the picture's once loaded) and cost, or the state while it has no result.
    static func info(_ job: JobRow, content: PreviewContent?, state: AppState) -> [(text: String, style: CellStyle)] {
        let theme = state.theme
        var model = "legacy"
        var fields = job.shortParameters
        if let request = job.generation?.request {
            model = request.model.rawValue + " " + JobRowFields.sizeOption(request)
            fields = JobRowFields.sent(request)
        }
        var facts: [String] = []
        if job.state == .done {
            let size = ResultPreviewsView.resolution(.result, job: job, content: content)
            if !size.isEmpty { facts.append(size) }
        } else {
            facts.append(ResultsPaneView.timeText(job, state: state))
        }
        if let cost = job.cost(legacyPriceUSDMicros: state.legacyPriceUSDMicros) { facts.append(cost.text) }
        return [(job.sourceName, theme.text.adding(.bold)), (model, theme.focusedTitle), (fields, theme.text),
                (facts.joined(separator: " · "), theme.job(job))]
    }
}
