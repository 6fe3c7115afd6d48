import IdeogramKit

/// The files pane's preview area: a divider, the selected image's facts, its picture.
enum FilesPreviewView {
    static func draw(_ state: AppState, _ layout: Layout, _ screen: inout Screen) {
        guard let area = layout.filesPreview, let info = layout.filesPreviewInfo, let box = layout.filesPreviewPicture else { return }
        let theme = state.theme
        if layout.filesPreviewIsBeside {
            for y in area.y..<area.maxY { screen.write("│", x: area.x, y: y, style: theme.border) }
        } else {
            for x in area.x..<area.maxX { screen.write("─", x: x, y: area.y, style: theme.border) }
        }
        guard let entry = state.files.selectedEntry, let path = state.files.selectedPath else { return }
        if case .unsupported(let format) = state.files.inspections[path] {
            // An image, but not one the API takes: say what it is, whole, instead of a picture.
            let sentence = ImageInspection.refusal(format: TerminalSafeText.sanitize(format, limit: 12)) + "; it cannot be marked for sending"
            for (i, line) in TextWrap.lines(sentence, width: box.width).prefix(area.maxY - info.y).enumerated() {
                screen.write(line, x: info.x, y: info.y + i, maxWidth: info.width, style: theme.warning)
            }
            return
        }
        guard entry.looksLikeImage else {
            // Folders and other files have no picture; a short note says why the area is empty.
            let note = entry.kind.isDirectoryLike ? "folder: Enter opens it" : "no preview: not an image"
            screen.write(Draw.fit(note, width: info.width), x: info.x, y: info.y, style: theme.dim)
            return
        }
        let slot = state.previews[.file]
        screen.write(Draw.fit(infoLine(slot.content, inspection: state.files.inspections[path], entry: entry), width: info.width),
                     x: info.x, y: info.y, style: theme.title)
        PreviewView.drawContent(slot.content, in: box, theme: theme, &screen)
    }

    /// The decoder's facts once the picture is there; until then what the header said.
    static func infoLine(_ content: PreviewContent?, inspection: ImageInspection?, entry: FileEntry) -> String {
        if case .picture(_, let facts) = content { return PreviewView.factsLine(facts) }
        // A size not read yet (the listing stats only what is on screen) is left out, not "0 B".
        if case .image(let format, let width, let height) = inspection {
            let facts = PreviewFacts(format: format, width: width, height: height, fileSize: entry.size)
            return entry.hasDetails ? PreviewView.factsLine(facts) : "\(TerminalSafeTextBridge.text(format, limit: 8)) \(facts.resolution)"
        }
        return entry.hasDetails ? ByteCount.format(Int(entry.size)) : ""
    }
}
