import IdeogramKit

/// The prompt editor, the five fields, and the JSON that would be sent.
enum ParametersPaneView {
    static let labelWidth = 13

    static func draw(_ state: AppState, _ layout: Layout, _ screen: inout Screen) {
        let theme = state.theme
        let p = state.parameters
        let focused = state.focus == .parameters
        var title = "Prompt & parameters"
        if let loaded = p.loadedFrom { title += " · from \(TerminalSafeText.sanitize(loaded.sourceName, limit: 40))" }
        Draw.pane(layout.parameters, title: title, focused: focused, theme: theme, &screen)
        ModelFieldsView.drawModelLine(state, layout, &screen)
        if state.parameters.models.model != nil {
            ModelFieldsView.draw(state, layout, &screen)
            return
        }

        drawPrompt(state, layout, &screen)
        let rule = layout.fieldRow(.resemblance).y - 1
        for x in layout.parameters.inner.x..<layout.parameters.inner.maxX { screen.write("─", x: x, y: rule, style: theme.border) }

        for field in ParameterField.allCases where field != .prompt {
            let row = layout.fieldRow(field)
            let isFocused = focused && p.focus == field
            let label = Draw.fit(Self.label(field), width: labelWidth - 1)
            screen.write(label, x: row.x, y: row.y, style: isFocused ? theme.focusedTitle : theme.text)
            let area = Rect(x: row.x + labelWidth, y: row.y, width: row.width - labelWidth, height: 1)
            drawValue(field, state: state, focused: isFocused, area: area, &screen)
        }

        let json = layout.jsonRow
        let used = screen.write("JSON ", x: json.x, y: json.y, style: theme.title)
        let text = p.problems.isEmpty ? p.request.jsonString() : "not sent until fixed: \(p.problems.map(\.field).joined(separator: ", "))"
        screen.write(Draw.fit(TerminalSafeText.sanitize(text, limit: 2000), width: json.width - used), x: json.x + used, y: json.y,
                     style: p.problems.isEmpty ? theme.dim : theme.problem)
    }

    static func label(_ field: ParameterField) -> String {
        switch field {
        case .prompt: "Prompt"
        case .resemblance: "Resemblance"
        case .detail: "Detail"
        case .magicPrompt: "Magic prompt"
        case .seed: "Seed"
        case .numImages: "Images"
        }
    }

    /// The legacy prompt's rows: below the model line.
    static func promptArea(_ layout: Layout) -> Rect {
        let area = layout.promptArea
        return Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
    }

    /// The width the prompt editor wraps at, for moving between its rows.
    static func promptWidth(_ state: AppState) -> Int {
        let layout = Layout(size: state.size)
        return state.parameters.models.model == nil ? layout.promptArea.width : ModelFieldsView.promptWidth(layout)
    }

    static func drawPrompt(_ state: AppState, _ layout: Layout, _ screen: inout Screen) {
        let theme = state.theme
        let editor = state.parameters.prompt
        let area = promptArea(layout)
        let editing = state.focus == .parameters && state.parameters.focus == .prompt && state.overlay == nil
        if editor.isEmpty && !editing {
            screen.write(Draw.fit("Prompt (optional): e to edit", width: area.width), x: area.x, y: area.y, style: theme.dim)
            return
        }
        let rows = editor.wrappedRows(width: area.width)
        let cursor = editor.cursorLocation(width: area.width)
        // Keep the cursor's row on screen.
        let first = max(0, cursor.row - area.height + 1)
        for (i, range) in rows.enumerated() where i >= first && i < first + area.height {
            let text = String(editor.characters[range])
            screen.write(TerminalSafeText.sanitize(text, limit: 4000), x: area.x, y: area.y + i - first, maxWidth: area.width,
                         style: editing ? theme.text : theme.dim)
        }
        if editing { screen.cursor = (area.x + cursor.column, area.y + cursor.row - first) }
    }

    static func drawValue(_ field: ParameterField, state: AppState, focused: Bool, area: Rect, _ screen: inout Screen) {
        let theme = state.theme
        let p = state.parameters
        let valueStyle = focused ? theme.selection : theme.text
        let problem = p.problem(for: field)
        switch field {
        case .resemblance, .detail, .numImages:
            let value = p.value(of: field) ?? 0
            let shown = focused && p.typedDigits != nil ? (p.typedDigits!.isEmpty ? "_" : p.typedDigits!) : String(value)
            let text = shown.count < 3 ? String(repeating: " ", count: 3 - shown.count) + shown : shown
            screen.write(text, x: area.x, y: area.y, style: problem != nil ? theme.problem.adding(focused ? .reverse : []) : valueStyle)
            let rest = Rect(x: area.x + 4, y: area.y, width: area.width - 4, height: 1)
            if let problem {
                screen.write(Draw.fit("✗ allowed \(problem.allowed)", width: rest.width), x: rest.x, y: rest.y, style: theme.problem)
            } else if field == .numImages {
                screen.write(Draw.fit("per source image, each billed", width: rest.width), x: rest.x, y: rest.y, style: theme.dim)
            } else {
                drawSlider(value: value, range: ParametersState.range(of: field)!, rect: rest, theme: theme, &screen)
            }
        case .magicPrompt:
            var x = area.x
            for option in MagicPromptOption.allCases {
                let chosen = option == p.magicPrompt
                let style = chosen ? (focused ? theme.selection : theme.key) : theme.dim
                x += screen.write(chosen ? "[\(option.rawValue)]" : " \(option.rawValue) ", x: x, y: area.y, style: style)
                x += 1
            }
        case .seed:
            switch p.seed {
            case .random:
                let used = screen.write("random", x: area.x, y: area.y, style: valueStyle)
                screen.write(Draw.fit("  Space or digits: fixed", width: area.width - used), x: area.x + used, y: area.y, style: theme.dim)
            case .fixed(let value):
                let shown = focused && p.typedDigits != nil ? (p.typedDigits!.isEmpty ? "_" : p.typedDigits!) : String(value)
                let used = screen.write(shown, x: area.x, y: area.y, style: problem != nil ? theme.problem : valueStyle)
                if let problem {
                    screen.write(Draw.fit(" ✗ allowed \(problem.allowed)", width: area.width - used), x: area.x + used, y: area.y, style: theme.problem)
                } else {
                    screen.write(Draw.fit("  fixed; Space: random", width: area.width - used), x: area.x + used, y: area.y, style: theme.dim)
                }
            }
        case .prompt:
            break
        }
    }

    static func drawSlider(value: Int, range: ClosedRange<Int>, rect: Rect, theme: Theme, _ screen: inout Screen) {
        let width = min(rect.width, 40)
        guard width > 2 else { return }
        let span = Double(range.upperBound - range.lowerBound)
        let filled = Int((Double(value - range.lowerBound) / span * Double(width)).rounded())
        for i in 0..<width {
            screen.write(i < filled ? "█" : "░", x: rect.x + i, y: rect.y, style: i < filled ? theme.sliderFill : theme.dim)
        }
    }
}
