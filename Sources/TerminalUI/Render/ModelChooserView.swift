/// The `m` overlay: a filter line, then one line per model: name, kind, description.
enum ModelChooserView {
    static func draw(_ chooser: ModelChooser, _ state: AppState, _ screen: inout Screen) {
        let theme = state.theme
        let entries = chooser.entries
        // Columns sized for every model, so filtering does not move them.
        let nameWidth = ModelChooser.all.map { DisplayWidth.of($0.name) }.reduce(0, max) + 2
        let kindWidth = ModelChooser.all.map { DisplayWidth.of($0.kind) }.reduce(0, max) + 2
        let width = min(screen.size.columns - 4, 2 + nameWidth + kindWidth + 60)
        let height = min(screen.size.rows - 4, ModelChooser.all.count + 4)
        let rect = Rect(x: (screen.size.columns - width) / 2, y: (screen.size.rows - height) / 2, width: width, height: height)
        screen.fill(rect)
        screen.box(rect, title: "Model · type to filter · Enter picks · Esc keeps", style: theme.focusedBorder, titleStyle: theme.focusedTitle)
        let inner = rect.inner
        screen.write(Draw.fit("Filter: " + chooser.filter + "▏", width: inner.width), x: inner.x, y: inner.y, style: theme.key)
        if entries.isEmpty { screen.write("no model matches", x: inner.x, y: inner.y + 1, style: theme.dim) }
        let selected = max(0, min(chooser.selected, entries.count - 1))
        let rows = inner.height - 1
        let first = max(0, selected - rows + 1)
        let current = state.parameters.models.model
        for (i, entry) in entries.enumerated().dropFirst(first).prefix(rows) {
            let y = inner.y + 1 + i - first
            let isSelected = i == selected
            if isSelected { screen.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: theme.selection) }
            let marker = entry.model == current ? "•" : " "
            var x = inner.x
            x += screen.write(marker + " ", x: x, y: y, style: isSelected ? theme.selection : theme.key)
            screen.write(Draw.fit(entry.name, width: nameWidth - 1), x: x, y: y, style: isSelected ? theme.selection : theme.key)
            x += nameWidth
            screen.write(Draw.fit(entry.kind, width: kindWidth - 1), x: x, y: y, style: isSelected ? theme.selection : theme.accent)
            x += kindWidth
            screen.write(Draw.fit(entry.summary, width: inner.maxX - x), x: x, y: y, style: isSelected ? theme.selection : theme.text)
        }
    }
}
