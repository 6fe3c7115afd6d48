import IdeogramKit

/// One v2 field's control, as its kind asks: choices and toggles as a row of options with
/// auto first, sliders for ranges, digits for the seed, the prompt with its length limit.
/// "auto" means the field is not sent and the model chooses.
enum FieldControlView {
    static func draw(_ field: UpscaleField, model: UpscaleModel, state: AppState, focused: Bool, area: Rect, _ screen: inout Screen) {
        let p = state.parameters
        let value = p.models.value(field)
        switch field.kind {
        case .choice, .toggle:
            drawOptions(field, model: model, value: value, state: state, focused: focused, area: area, &screen)
        case .decimal(let range):
            let number: Double? = if case .decimal(let v)? = value { v } else { nil }
            let typed = focused ? p.typedDigits : nil
            drawSlider(text: typed ?? number.map(decimalText), fraction: number.map { ($0 - range.lowerBound) / (range.upperBound - range.lowerBound) },
                       autoNote: field.modelDefault, state: state, focused: focused, area: area, &screen)
        case .integer(let range):
            let number: Int? = if case .integer(let v)? = value { v } else { nil }
            let typed = focused ? p.typedDigits : nil
            let text = typed.map { $0.isEmpty ? "_" : $0 } ?? number.map(String.init)
            if field == .seed {
                drawSlider(text: text, fraction: nil, autoNote: number == nil ? "random; digits: fixed" : "fixed; a: random",
                           state: state, focused: focused, area: area, &screen)
            } else {
                let fraction = number.map { Double($0 - range.lowerBound) / Double(range.upperBound - range.lowerBound) }
                drawSlider(text: text, fraction: fraction, autoNote: "model: \(field.modelDefault)", state: state, focused: focused, area: area, &screen)
            }
        case .text:
            drawPrompt(model: model, state: state, focused: focused, area: area, &screen)
        }
    }

    static func decimalText(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }

    /// "[auto]  x2   x4   x8": the chosen option bracketed.
    static func drawOptions(_ field: UpscaleField, model: UpscaleModel, value: FieldValue?, state: AppState, focused: Bool,
                            area: Rect, _ screen: inout Screen) {
        let theme = state.theme
        let options = ModelFieldsUpdate.cycle(field, model: model).map { (option: $0, name: optionName($0)) }
        let chosenStyle = focused ? theme.selection : theme.key
        // Every option when they fit; else the chosen one and the rest named after the arrows.
        guard options.reduce(0, { $0 + DisplayWidth.of($1.name) + 3 }) <= area.width else {
            let used = screen.write("[\(optionName(value))]", x: area.x, y: area.y, style: chosenStyle)
            let others = options.filter { $0.option != value }.map(\.name).joined(separator: " ")
            screen.write(Draw.fit(" ←→ " + others, width: area.width - used), x: area.x + used, y: area.y, style: theme.dim)
            return
        }
        var x = area.x
        for (option, name) in options {
            let chosen = option == value
            x += screen.write(chosen ? "[\(name)]" : " \(name) ", x: x, y: area.y, style: chosen ? chosenStyle : theme.dim)
            x += 1
        }
    }

    static func optionName(_ option: FieldValue?) -> String {
        switch option {
        case nil: "auto"
        case .toggle(let on)?: on ? "on" : "off"
        case let other?: other.formText
        }
    }

    /// The value (or "auto" and what the model does then), and a bar for a range.
    static func drawSlider(text: String?, fraction: Double?, autoNote: String, state: AppState, focused: Bool, area: Rect,
                           _ screen: inout Screen) {
        let theme = state.theme
        let shown = text ?? "auto"
        let padded = String(repeating: " ", count: max(0, 4 - shown.count)) + shown
        let used = screen.write(padded, x: area.x, y: area.y, style: focused ? theme.selection : (text == nil ? theme.dim : theme.text))
        let rest = Rect(x: area.x + used + 1, y: area.y, width: area.width - used - 1, height: 1)
        guard let fraction else {
            if text == nil || !autoNote.isEmpty {
                screen.write(Draw.fit(text == nil ? "(\(autoNote))" : autoNote, width: rest.width), x: rest.x, y: rest.y, style: theme.dim)
            }
            return
        }
        let width = min(rest.width, 30)
        guard width > 2 else { return }
        let filled = Int((min(1, max(0, fraction)) * Double(width)).rounded())
        for i in 0..<width {
            screen.write(i < filled ? "█" : "░", x: rest.x + i, y: rest.y, style: i < filled ? theme.sliderFill : theme.dim)
        }
    }

    /// The prompt: one row, or the editor's rows while it is edited; the count against the
    /// model's limit on the right ("312/1024").
    static func drawPrompt(model: UpscaleModel, state: AppState, focused: Bool, area: Rect, _ screen: inout Screen) {
        let theme = state.theme
        let editor = state.parameters.prompt
        let editing = state.focus == .parameters && state.parameters.focus == .prompt && state.overlay == nil
        let width = max(1, area.width - ModelFieldsView.countWidth)
        if let limit = model.promptLimit {
            let count = "\(editor.characters.count)/\(limit)"
            Draw.rightAligned(count, maxX: area.maxX, y: area.y, style: editor.characters.count > limit ? theme.problem : theme.dim, &screen)
        }
        if state.parameters.models.value(.autoprompt) == .toggle(true) && !editing {
            screen.write(Draw.fit("ignored: autoprompt is on", width: width), x: area.x, y: area.y, style: theme.dim)
            return
        }
        guard editing else {
            let text = editor.isEmpty ? (focused ? "Enter or e: write one" : "none") : TerminalSafeText.sanitize(editor.text, limit: 4000)
            screen.write(Draw.fit(text, width: width), x: area.x, y: area.y, style: focused ? theme.selection : theme.dim)
            return
        }
        let rows = editor.wrappedRows(width: width)
        let cursor = editor.cursorLocation(width: width)
        let first = max(0, cursor.row - area.height + 1)
        for (i, range) in rows.enumerated() where i >= first && i < first + area.height {
            screen.write(TerminalSafeText.sanitize(String(editor.characters[range]), limit: 4000), x: area.x, y: area.y + i - first,
                         maxWidth: width, style: theme.text)
        }
        screen.cursor = (area.x + cursor.column, area.y + cursor.row - first)
    }
}
