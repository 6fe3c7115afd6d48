import IdeogramKit

/// The files pane: path, entries (only the visible rows), and a summary line.
enum FilesPaneView {
    static func draw(_ state: AppState, _ layout: Layout, _ screen: inout Screen) {
        let theme = state.theme
        let files = state.files
        Draw.pane(layout.files, title: "Files", focused: state.focus == .files, theme: theme, &screen)
        let pathRow = layout.filesPathRow
        screen.write(Draw.fit(files.path.display, width: pathRow.width), x: pathRow.x, y: pathRow.y, style: theme.title.adding(.bold))

        let list = layout.filesList
        if files.isLoading && files.entries.isEmpty {
            screen.write("reading…", x: list.x + 1, y: list.y, style: theme.dim)
        } else if let error = files.error {
            screen.write(Draw.fit("cannot read this folder: \(TerminalSafeText.sanitize(error, limit: 200))", width: list.width),
                         x: list.x, y: list.y, style: theme.problem)
            screen.write("Backspace goes up", x: list.x, y: list.y + 1, style: theme.dim)
        } else if files.visible.isEmpty {
            screen.write(files.filter.isEmpty ? "(empty)" : "(nothing matches)", x: list.x + 1, y: list.y, style: theme.dim)
        }
        let end = min(files.visible.count, files.scrollTop + list.height)
        if files.scrollTop < end {
            for row in files.scrollTop..<end {
                let y = list.y + row - files.scrollTop
                drawEntry(files.entries[files.visible[row]], selected: row == files.cursor, focused: state.focus == .files,
                          state: state, rect: Rect(x: list.x, y: y, width: list.width, height: 1), &screen)
            }
        }

        FilesPreviewView.draw(state, layout, &screen)

        let summary = layout.filesSummaryRow
        var parts = ["\(files.visible.count) of \(files.entries.count)",
                     files.isSorting ? "sorting by \(files.sortOrder.rawValue)…" : "sort: \(files.sortOrder.rawValue)"]
        if !files.marked.isEmpty { parts.insert("\(files.marked.count) marked", at: 1) }
        if files.hideNonImages { parts.append("images only") }
        if files.showHidden { parts.append("hidden shown") }
        if files.isEditingFilter || !files.filter.isEmpty {
            let filterText = "/" + files.filter + (files.isEditingFilter ? "▏" : "")
            let used = screen.write(Draw.fit(filterText, width: summary.width), x: summary.x, y: summary.y, style: theme.key)
            screen.write(" " + parts.joined(separator: " · "), x: summary.x + used, y: summary.y, maxWidth: summary.width - used, style: theme.dim)
        } else {
            screen.write(Draw.fit(parts.joined(separator: " · "), width: summary.width), x: summary.x, y: summary.y, style: theme.dim)
        }
    }

    static func drawEntry(_ entry: FileEntry, selected: Bool, focused: Bool, state: AppState, rect: Rect, _ screen: inout Screen) {
        let theme = state.theme
        let path = state.files.path.appending(entry.name)
        let marked = state.files.marked.contains(path)
        let (meta, metaStyle) = metaText(entry, path: path, state: state, rowWidth: rect.width)
        var nameStyle: CellStyle
        var suffix = ""
        switch entry.kind {
        case .directory: nameStyle = theme.directory; suffix = "/"
        case .symlinkToDirectory: nameStyle = theme.directory; suffix = "@/"
        case .symlinkToFile: nameStyle = entry.looksLikeImage ? theme.image : theme.otherFile; suffix = "@"
        case .file: nameStyle = entry.looksLikeImage ? theme.image : theme.otherFile
        case .brokenLink, .linkLoop, .unreadable: nameStyle = theme.problem; suffix = "@"
        case .special: nameStyle = theme.otherFile
        }
        if case .unreadable = entry.kind { suffix = "" }
        switch state.files.inspections[path] {
        case .notAnImage, .unsupported: nameStyle = theme.otherFile
        case .image, nil: break
        }
        // Only a real mark is coloured: a styled blank showed as a coloured block on the
        // selected (reversed) row.
        screen.write(marked ? "●" : " ", x: rect.x, y: rect.y, style: marked ? theme.mark : theme.text)
        let metaWidth = DisplayWidth.of(meta)
        let nameWidth = max(1, rect.width - 2 - (metaWidth > 0 ? metaWidth + 1 : 0))
        screen.write(Draw.fit(entry.displayName + suffix, width: nameWidth), x: rect.x + 2, y: rect.y, style: nameStyle)
        if metaWidth > 0 { Draw.rightAligned(meta, maxX: rect.maxX, y: rect.y, style: metaStyle, &screen) }
        if selected {
            screen.restyle(rect) { style in
                style.attributes.insert(.reverse)
                if !focused { style.attributes.insert(.dim) }
            }
        }
    }

    /// Size and pixel dimensions, or what is wrong with the entry.
    static func metaText(_ entry: FileEntry, path: FilePath, state: AppState, rowWidth: Int) -> (String, CellStyle) {
        let theme = state.theme
        let wide = rowWidth >= 44
        switch entry.kind {
        case .brokenLink: return ("broken link", theme.problem)
        case .linkLoop: return ("link loop", theme.problem)
        case .unreadable: return ("unreadable", theme.problem)
        case .special: return ("special", theme.dim)
        case .directory, .symlinkToDirectory:
            return (entry.nameWasAltered ? oddName(entry) : "", theme.warning)
        case .file, .symlinkToFile: break
        }
        if entry.nameWasAltered { return (oddName(entry), theme.warning) }
        // Sizes are read for the rows drawn, a moment after the names: blank until then.
        let size = entry.hasDetails ? ByteCount.format(Int(entry.size)) : ""
        // Only image-like names (and GIF, TIFF... ones) are inspected.
        switch state.files.inspections[path] {
        case .image(_, let width, let height):
            return (wide && !size.isEmpty ? "\(width)×\(height) \(size)" : "\(width)×\(height)", theme.dim)
        case .notAnImage:
            return ("not an image", theme.warning)
        case .unsupported(let format):
            // What it is, and that it cannot be sent; the whole sentence when the name keeps room.
            let format = TerminalSafeText.sanitize(format, limit: 12)
            let sentence = ImageInspection.refusal(format: format)
            return (DisplayWidth.of(sentence) + 14 <= rowWidth ? sentence : "\(format): not taken", theme.warning)
        case nil:
            return (size, theme.dim)
        }
    }

    private static func oddName(_ entry: FileEntry) -> String {
        String(validating: entry.name, as: UTF8.self) == nil ? "not UTF-8" : "control chars"
    }
}
