/// The `?` help: every binding of every context, generated from the tables, filtered by what
/// the user types.
enum HelpOverlayView {
    /// The help's lines for a filter: a context title, then its matching bindings.
    static func lines(filter: String) -> [(keys: String, text: String, isTitle: Bool)] {
        let needle = filter.lowercased()
        var out: [(String, String, Bool)] = []
        for context in BindingContext.allCases {
            let rows = BindingTables.table(context).filter { binding in
                needle.isEmpty || binding.description.lowercased().contains(needle) || binding.keysLabel.lowercased().contains(needle)
                    || context.title.lowercased().contains(needle)
            }
            guard !rows.isEmpty else { continue }
            out.append(("", context.title, true))
            for binding in rows { out.append((binding.keysLabel, binding.description, false)) }
        }
        return out
    }

    static func draw(_ state: AppState, filter: String, scroll: Int, _ screen: inout Screen) {
        let theme = state.theme
        let page = HelpPage(size: screen.size, filter: filter)
        let rect = page.rect
        screen.fill(rect)
        screen.box(rect, title: "Help · type to filter · PgUp/PgDn · Esc closes", style: theme.focusedBorder, titleStyle: theme.focusedTitle)
        let inner = rect.inner
        let filterLine = "Filter: " + filter + "▏"
        screen.write(Draw.fit(filterLine, width: inner.width), x: inner.x, y: inner.y, style: theme.key)
        if page.lines.isEmpty { screen.write("no key matches", x: inner.x, y: inner.y + 1, style: theme.dim) }
        let top = page.clamped(scroll)
        for (i, line) in page.lines.dropFirst(top).prefix(page.bodyHeight).enumerated() {
            let y = inner.y + 1 + i
            if line.isTitle {
                screen.write(Draw.fit(line.text, width: inner.width), x: inner.x, y: y, style: theme.focusedTitle)
            } else {
                screen.write(Draw.fit(line.keys, width: page.keyColumn), x: inner.x + 2, y: y, style: theme.key)
                screen.write(line.text, x: inner.x + page.textX, y: y, maxWidth: inner.width - page.textX, style: theme.text)
            }
        }
        if page.lines.count > top + page.bodyHeight {
            Draw.rightAligned(" ↓ more ", maxX: rect.maxX - 1, y: rect.maxY - 1, style: theme.focusedTitle, &screen)
        }
    }
}

/// Where the help sits for a screen size, and its lines for a filter with each description
/// wrapped to the room there is: `render` draws it and `update` pages through it, so both
/// agree. As wide as the longest description needs, up to the screen's width.
struct HelpPage {
    struct Line: Hashable {
        var keys: String
        var text: String
        var isTitle: Bool
    }

    let rect: Rect
    /// Cells for the keys column, and where descriptions start inside the box.
    let keyColumn: Int
    let textX: Int
    let lines: [Line]

    init(size: Size, filter: String) {
        let entries = HelpOverlayView.lines(filter: filter)
        let all = HelpOverlayView.lines(filter: "")
        // The columns follow every binding, not the filtered few, so typing does not move them.
        let keyColumn = min(24, all.filter { !$0.isTitle }.map { DisplayWidth.of($0.keys) }.max() ?? 0)
        let textX = 2 + keyColumn + 2
        let longest = all.map { DisplayWidth.of($0.text) + ($0.isTitle ? 0 : textX) }.max() ?? 0
        let width = max(20, min(size.columns - 4, longest + 2))
        let rect = Rect(x: (size.columns - width) / 2, y: 2, width: width, height: size.rows - 4)
        self.keyColumn = keyColumn
        self.textX = textX
        self.rect = rect
        let textWidth = max(1, rect.inner.width - textX)
        var lines: [Line] = []
        for entry in entries {
            if entry.isTitle {
                lines.append(Line(keys: "", text: entry.text, isTitle: true))
                continue
            }
            for (i, part) in TextWrap.lines(entry.text, width: textWidth).enumerated() {
                lines.append(Line(keys: i == 0 ? entry.keys : "", text: part, isTitle: false))
            }
        }
        self.lines = lines
    }

    /// Rows for lines, below the filter line.
    var bodyHeight: Int { max(1, rect.inner.height - 1) }

    /// A scroll position kept between the top and the last page.
    func clamped(_ scroll: Int) -> Int { max(0, min(scroll, lines.count - bodyHeight)) }
}

/// A question in a box, with its y/n keys from the confirm table.
enum ConfirmOverlayView {
    static func text(_ question: Confirmation) -> [String] {
        switch question {
        case .submit(let submissions, _) where submissions.first?.v2Request != nil:
            // The price and the model's name come in the money lines below (the quotes summed).
            let model = submissions.first?.v2Request?.model.rawValue ?? ""
            return ["Upscale \(submissions.count == 1 ? "1 image" : "\(submissions.count) images") with \(model)?",
                    Submission.names(submissions.map(\.sourcePath), limit: 3),
                    "A completed generation is billed, even if its image is withheld."]
        case .submit(let submissions, let leftOut):
            let total = Submission.images(submissions)
            let files = submissions.count == 1 ? "1 image" : "\(submissions.count) images"
            var lines = ["Upscale \(files) × \(submissions.first?.request.numImages ?? 1) = \(total) billed images?",
                         Submission.names(submissions.map(\.sourcePath), limit: 3)]
            if !leftOut.isEmpty {
                let seed = submissions.first?.request.seed.map { " with seed \($0)" } ?? ""
                lines.append("Not sent again (already upscaled\(seed)): \(Submission.names(leftOut, limit: 3))")
            }
            lines.append("Each image the service returns is billed.")
            return lines
        case .retry(_, let source, let billed):
            var lines = ["Retry \(source)?"]
            if billed { lines.append("It may already have been billed: a retry may be billed again.") }
            return lines
        case .sendHeld(_, let source, let images):
            return ["Send \(source)? An earlier run queued it and never sent it.",
                    images == 1 ? "The image the service returns is billed." : "The \(images) images the service returns are billed."]
        case .cancel(_, let source, let images, let jobState):
            let billed = images == 1 ? "its image is" : "its \(images) images are"
            switch jobState {
            case .downloading:
                return ["Stop downloading \(source)?", "The service answered: \(billed) paid for. R fetches them later."]
            case .uploading:
                return ["Cancel \(source)? Its request is being sent:",
                        "Once the service has it all, \(billed) billed and the result would be lost."]
            default:
                return ["Cancel \(source)? Its request is already sent:",
                        "\(billed.prefix(1).uppercased() + billed.dropFirst()) likely billed anyway, and the result would be lost."]
            }
        case .resubmit(_, let source, let images):
            return ["Resubmit \(source) as it was?",
                    images == 1 ? "The image the service returns is billed again." : "The \(images) images the service returns are billed again."]
        case .resubmitGeneration(_, let source):
            return ["Resubmit \(source) as it was?", "It is a new generation, billed again."]
        }
    }

    /// The price, today's spend after it and the cap, for the questions that send.
    static func moneyLines(_ question: Confirmation, _ state: AppState) -> [String] {
        switch question {
        case .submit(let submissions, _):
            let model = submissions.first?.v2Request?.model.rawValue ?? "legacy"
            return SubmissionPrice(submissions, state).lines(model: model, state)
        case .resubmitGeneration(var submission, _):
            submission.quote = JobReuse.price(submission, state)
            let lines = SubmissionPrice([submission], state).lines(model: submission.v2Request?.model.rawValue ?? "legacy", state)
            return submission.quote == nil ? ["Asking the service for a quote…"] + lines : lines
        default:
            return []
        }
    }

    static func draw(_ question: Confirmation, _ state: AppState, _ screen: inout Screen) {
        let theme = state.theme
        let body = (text(question) + moneyLines(question, state)).map { TerminalSafeTextBridge.text($0, limit: 200) }
        let keys = BindingTables.table(.confirm).map { "\($0.keysLabel) \($0.hint ?? "")" }.joined(separator: "   ")
        let width = min(screen.size.columns - 4, max(40, (body + [keys]).map(DisplayWidth.of).max()! + 4))
        let height = body.count + 4
        let rect = Rect(x: (screen.size.columns - width) / 2, y: (screen.size.rows - height) / 2, width: width, height: height)
        screen.fill(rect)
        screen.box(rect, title: "Confirm", style: theme.warning.adding(.bold), titleStyle: theme.warning.adding(.bold))
        for (i, line) in body.enumerated() {
            screen.write(Draw.fit(line, width: rect.inner.width - 1), x: rect.inner.x + 1, y: rect.inner.y + i, style: theme.text.adding(i == 0 ? .bold : []))
        }
        screen.write(keys, x: rect.inner.x + 1, y: rect.inner.maxY - 1, maxWidth: rect.inner.width - 1, style: theme.key)
    }
}
