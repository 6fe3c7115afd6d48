import IdeogramKit

/// The parameters pane with a v2 model: the model line, the output size for the selected
/// image, the model's fields (scrolled to keep the focused one on screen), and the price.
enum ModelFieldsView {
    static let labelWidth = ParametersPaneView.labelWidth
    /// Room kept right of the prompt for its count ("1024/1024").
    static let countWidth = 10
    /// Rows the prompt takes while it is being edited.
    static let editingPromptRows = 3

    static func promptWidth(_ layout: Layout) -> Int {
        max(1, layout.parameters.inner.width - labelWidth - countWidth)
    }

    /// "Model topaz-standard-2 (m) · faithful"; for legacy, its per-image estimate on the right.
    static func drawModelLine(_ state: AppState, _ layout: Layout, _ screen: inout Screen) {
        let theme = state.theme
        let row = layout.parameters.inner
        let model = state.parameters.models.model
        // Legacy has no quote: the configured price of an image, as an estimate.
        let price = model == nil ? "~\(USDMicros.text(state.legacyPriceUSDMicros))/image (estimate)" : ""
        let name = model?.rawValue ?? "legacy"
        let right = DisplayWidth.of("Model \(name) (m) \(price)") <= row.width ? price : ""
        var x = row.x
        x += screen.write("Model ", x: x, y: row.y, style: theme.title)
        x += screen.write(Draw.fit(name, width: row.maxX - x), x: x, y: row.y, style: theme.key)
        var rest = " (m)"
        if let model { rest += " · \(model.kind.rawValue)" }
        let leftRoom = row.maxX - x - (right.isEmpty ? 0 : DisplayWidth.of(right) + 1)
        screen.write(Draw.fit(rest, width: leftRoom), x: x, y: row.y, style: theme.dim)
        if !right.isEmpty { Draw.rightAligned(right, maxX: row.maxX, y: row.y, style: theme.dim, &screen) }
    }

    static func draw(_ state: AppState, _ layout: Layout, _ screen: inout Screen) {
        let theme = state.theme
        let inner = layout.parameters.inner
        guard let model = state.parameters.models.model else { return }
        var y = inner.y + 1
        if showsSummary(layout) {
            screen.write(Draw.fit(model.summary, width: inner.width), x: inner.x, y: y, style: theme.dim)
            y += 1
        }
        drawOutput(state, model: model, row: Rect(x: inner.x, y: y, width: inner.width, height: 1), &screen)
        drawFields(state, model: model, area: listArea(layout), &screen)
        drawPrice(state, row: Rect(x: inner.x, y: inner.maxY - 1, width: inner.width, height: 1), &screen)
    }

    // MARK: output size

    /// "1000x872 -> 4000x3488, 14.0 MP", or why it cannot be made.
    static func outputText(model: UpscaleModel, factor: UpscaleFactor, tier: ResolutionTier, width: Int, height: Int) -> (String, impossible: Bool) {
        let source = "\(width)x\(height)"
        if model == .nanoBananaPro {
            guard max(width, height) < tier.longSide else {
                return ("impossible: \(source) is already at or above \(tier.rawValue) (\(tier.longSide) px)", true)
            }
            return ("\(source) -> \(tier.rawValue) tier (the service sizes it)", false)
        }
        let out = (width * factor.multiplier, height * factor.multiplier)
        let target = "\(source) -> \(out.0)x\(out.1)"
        guard max(out.0, out.1) > V2Request.maxOutputSide else {
            let tenths = (Int64(out.0) * Int64(out.1) + 50_000) / 100_000
            // A thumbnail's output would read "0.0 MP", as if nothing came out.
            return ("\(target), " + (tenths == 0 ? "under 0.1 MP" : "\(tenths / 10).\(tenths % 10) MP"), false)
        }
        return ("impossible: \(target), over \(V2Request.maxOutputSide) px", true)
    }

    static func drawOutput(_ state: AppState, model: UpscaleModel, row: Rect, _ screen: inout Screen) {
        let theme = state.theme
        let used = screen.write("Output".padding(toLength: labelWidth, withPad: " ", startingAt: 0), x: row.x, y: row.y, style: theme.text)
        let room = row.width - used
        guard let image = PaneImage.current(state) else {
            screen.write(Draw.fit("select an image", width: room), x: row.x + used, y: row.y, style: theme.dim)
            return
        }
        guard let width = image.width, let height = image.height else {
            screen.write(Draw.fit("size not read yet", width: room), x: row.x + used, y: row.y, style: theme.dim)
            return
        }
        let factorText = state.parameters.models.value(.upscaleFactor)?.formText ?? UpscaleField.upscaleFactor.modelDefault
        let factor = UpscaleFactor(rawValue: factorText) ?? .x2
        let tierText = state.parameters.models.value(.resolutionTier)?.formText ?? UpscaleField.resolutionTier.modelDefault
        let tier = ResolutionTier(rawValue: tierText) ?? .twoK
        let (text, impossible) = outputText(model: model, factor: factor, tier: tier, width: width, height: height)
        screen.write(Draw.fit(text, width: room), x: row.x + used, y: row.y, style: impossible ? theme.problem : theme.text)
    }

    // MARK: fields

    static func label(_ field: UpscaleField) -> String {
        switch field {
        case .upscaleFactor: "Factor"
        case .resolutionTier: "Tier"
        case .seed: "Seed"
        case .prompt: "Prompt"
        case .autoprompt: "Autoprompt"
        case .denoise: "Denoise"
        case .fixCompression: "Fix compress"
        case .sharpen: "Sharpen"
        case .strength: "Strength"
        case .subjectDetection: "Subject"
        case .faceEnhancement: "Faces"
        case .faceEnhancementStrength: " strength"
        case .faceEnhancementCreativity: " creativity"
        case .enhancementStrength: "Enhancement"
        case .creativity: "Creativity"
        case .colorPreservation: "Keep colours"
        case .texture: "Texture"
        }
    }

    static func rows(of field: UpscaleField, _ state: AppState) -> Int {
        field == .prompt && state.parameters.focus == .prompt ? editingPromptRows : 1
    }

    /// The model's description under its name, when the pane is tall enough to spare a row.
    static func showsSummary(_ layout: Layout) -> Bool { layout.parameters.inner.height >= 12 }

    /// Where the fields list goes: between the output line and the price line.
    static func listArea(_ layout: Layout) -> Rect {
        let inner = layout.parameters.inner
        let top = inner.y + (showsSummary(layout) ? 3 : 2)
        return Rect(x: inner.x, y: top, width: inner.width, height: max(0, inner.maxY - 1 - top))
    }

    /// Each field on screen and its rows, scrolled so the focused one is whole: `render`
    /// draws them there and a click finds them there.
    static func placements(_ state: AppState, area: Rect) -> [(field: UpscaleField, rect: Rect)] {
        guard area.height > 0 else { return [] }
        let p = state.parameters
        let fields = p.models.visibleFields
        let heights = fields.map { min(area.height, rows(of: $0, state)) }
        // The first field shown: the fewest skipped that keep the focused one on screen.
        let focusIndex = fields.firstIndex(of: p.models.focus) ?? 0
        var first = 0
        while first < focusIndex && heights[first...focusIndex].reduce(0, +) > area.height { first += 1 }
        var placed: [(UpscaleField, Rect)] = []
        var y = area.y
        for index in fields.indices.dropFirst(first) where y + heights[index] <= area.maxY {
            placed.append((fields[index], Rect(x: area.x, y: y, width: area.width, height: heights[index])))
            y += heights[index]
        }
        return placed
    }

    static func drawFields(_ state: AppState, model: UpscaleModel, area: Rect, _ screen: inout Screen) {
        let p = state.parameters
        let theme = state.theme
        let placed = placements(state, area: area)
        let problems = Set(p.problems.map(\.field))
        for (field, rect) in placed {
            let focused = state.focus == .parameters && p.models.focus == field && state.overlay == nil
            let labelStyle = problems.contains(field.rawValue) ? theme.problem : (focused ? theme.focusedTitle : theme.text)
            screen.write(Draw.fit(label(field), width: labelWidth - 1), x: rect.x, y: rect.y, style: labelStyle)
            let value = Rect(x: rect.x + labelWidth, y: rect.y, width: rect.width - labelWidth, height: rect.height)
            FieldControlView.draw(field, model: model, state: state, focused: focused, area: value, &screen)
        }
        // Arrows where fields are off screen.
        let fields = p.models.visibleFields
        if let first = placed.first?.field, first != fields.first {
            Draw.rightAligned("↑", maxX: area.maxX, y: area.y, style: theme.dim, &screen)
        }
        if let last = placed.last?.field, last != fields.last {
            Draw.rightAligned("↓", maxX: area.maxX, y: area.maxY - 1, style: theme.dim, &screen)
        }
    }

    // MARK: price

    static func drawPrice(_ state: AppState, row: Rect, _ screen: inout Screen) {
        let theme = state.theme
        let used = screen.write("Price".padding(toLength: labelWidth, withPad: " ", startingAt: 0), x: row.x, y: row.y, style: theme.text)
        let x = row.x + used
        let room = row.width - used
        let (text, style) = priceText(state)
        var written = screen.write(Draw.fit(text, width: room), x: x, y: row.y, style: style(theme))
        if isPending(state) && written < room {
            written += screen.write(Draw.fit(" asking…", width: room - written), x: x + written, y: row.y, style: theme.dim)
        }
        // Ctrl-S sends the marked images, not the one selected: their total beside it.
        if let marked = markedText(state), written < room {
            screen.write(Draw.fit(marked, width: room - written), x: x + written, y: row.y, style: theme.dim)
        }
    }

    /// " · 2 marked: ~$0.0038": what the marked images cost together (quotes where known,
    /// else the offline estimate); nil without marks or while the request is wrong.
    static func markedText(_ state: AppState) -> String? {
        guard !state.files.marked.isEmpty, let request = state.parameters.v2Request else { return nil }
        let paths = Submission.targets(state).paths
        guard !paths.isEmpty else { return nil }
        return " · \(paths.count) marked: " + SubmissionPrice(ModelSubmission.submissions(paths, request, state), state).text
    }

    static func isPending(_ state: AppState) -> Bool {
        guard let wanted = state.quotes.wanted else { return false }
        return state.quotes.answers[wanted] == nil && state.quotes.lastShown != nil
    }

    /// What the price row says, and how it looks.
    static func priceText(_ state: AppState) -> (String, (Theme) -> CellStyle) {
        let p = state.parameters
        if let problem = p.problems.first { return ("not asked until fixed: \(problem.field)", { $0.problem }) }
        guard let image = PaneImage.current(state) else { return ("select an image to see its price", { $0.dim }) }
        guard let width = image.width, let height = image.height else { return ("waiting for the image's size", { $0.dim }) }
        if let request = p.v2Request, request.sizeProblem(width: width, height: height) != nil {
            return ("none: that output cannot be made", { $0.problem })
        }
        guard let wanted = state.quotes.wanted else { return ("—", { $0.dim }) }
        switch state.quotes.answers[wanted] {
        case .quoted(let quote)?: return (quote.text, { $0.text.adding(.bold) })
        case .failed(let reason)?: return ("quote failed: \(TerminalSafeText.sanitize(reason, limit: 200))", { $0.problem })
        case nil:
            if let old = state.quotes.lastShown { return (old.text, { $0.dim }) }
            return ("asking the service…", { $0.dim })
        }
    }
}
