/// Where previews go. `update` asks for pictures the size of these boxes and `render` draws
/// them there, so a picture always fits the box it was made for.
extension Layout {
    /// From this width on, the file preview sits beside the list (each gets half the pane);
    /// narrower terminals put it below, where a landscape picture has more room.
    public static let previewBesideColumns = 180

    var filesPreviewIsBeside: Bool { size.columns >= Self.previewBesideColumns }

    /// The file preview's area, divider included; nil when the pane is too short for one.
    public var filesPreview: Rect? {
        let body = filesBody
        if filesPreviewIsBeside {
            let listWidth = body.width / 2
            return Rect(x: body.x + listWidth, y: body.y, width: body.width - listWidth, height: body.height)
        }
        guard body.height >= 12 else { return nil }
        let height = max(6, body.height * 9 / 20)
        return Rect(x: body.x, y: body.maxY - height, width: body.width, height: height)
    }

    /// The line with the file's format, pixel size and file size (or why there is no picture).
    public var filesPreviewInfo: Rect? {
        guard let area = filesPreview else { return nil }
        if filesPreviewIsBeside { return Rect(x: area.x + 2, y: area.y, width: area.width - 2, height: 1) }
        return Rect(x: area.x, y: area.y + 1, width: area.width, height: 1)
    }

    /// The box the file's picture is made to fit.
    public var filesPreviewPicture: Rect? {
        guard let area = filesPreview else { return nil }
        if filesPreviewIsBeside { return Rect(x: area.x + 2, y: area.y + 1, width: area.width - 2, height: area.height - 1) }
        return Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2)
    }

    /// Rows for the side-by-side previews in the results pane (a label row, then pictures);
    /// 0 when the pane is too short to show them and still list jobs.
    var resultsPreviewRows: Int {
        let inner = results.inner.height
        guard inner >= 20 else { return 0 }
        return (inner - detailRows - 2) / 2 + 2
    }

    /// The side-by-side area between the job list and the details; nil when too short.
    public var resultsPreviews: Rect? {
        guard resultsPreviewRows > 0 else { return nil }
        return Rect(x: results.inner.x, y: resultsList.maxY + 1, width: results.inner.width, height: resultsPreviewRows)
    }

    /// Left half (source) and right half (result) of the side-by-side area, a column apart.
    public func resultsPreviewHalf(_ slot: PreviewSlot) -> Rect? {
        guard let area = resultsPreviews else { return nil }
        let leftWidth = (area.width - 1) / 2
        switch slot {
        case .source: return Rect(x: area.x, y: area.y, width: leftWidth, height: area.height)
        case .result: return Rect(x: area.x + leftWidth + 1, y: area.y, width: area.width - leftWidth - 1, height: area.height)
        case .file, .enlarged, .compareSource, .compareFirst, .compareSecond: return nil
        }
    }

    /// The box a side-by-side picture is made to fit: its half below the label row.
    public func resultsPreviewPicture(_ slot: PreviewSlot) -> Rect? {
        guard let half = resultsPreviewHalf(slot) else { return nil }
        return Rect(x: half.x, y: half.y + 1, width: half.width, height: half.height - 1)
    }

    /// The larger single view covers the prompt and results panes: the whole right column.
    public var enlargedView: Rect {
        Rect(x: parameters.x, y: parameters.y, width: parameters.width, height: results.maxY - parameters.y)
    }

    public var enlargedInfo: Rect {
        Rect(x: enlargedView.inner.x, y: enlargedView.inner.y, width: enlargedView.inner.width, height: 1)
    }

    public var enlargedPicture: Rect {
        let inner = enlargedView.inner
        return Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
    }

    /// The details view's picture of the image it is on: the view's lower half, when the view
    /// is tall enough to keep the text readable above it; nil otherwise.
    public var detailsPicture: Rect? {
        let inner = enlargedView.inner
        guard inner.height >= 30 else { return nil }
        let height = inner.height / 2
        return Rect(x: inner.x, y: inner.maxY - height, width: inner.width, height: height)
    }

    /// The details view's text: above the picture (and its rule), or the whole view.
    public var detailsText: Rect {
        let inner = enlargedView.inner
        guard let picture = detailsPicture else { return inner }
        return Rect(x: inner.x, y: inner.y, width: inner.width, height: picture.y - 1 - inner.y)
    }

    /// The box a slot's picture is made to fit, where the slot is shown at this size.
    public func previewBox(_ slot: PreviewSlot) -> Rect? {
        guard !isTooSmall else { return nil }
        let box: Rect? = switch slot {
        case .file: filesPreviewPicture
        case .source, .result: resultsPreviewPicture(slot)
        case .enlarged: enlargedPicture
        case .compareSource, .compareFirst, .compareSecond: comparePicture(slot)
        }
        guard let box, box.width > 0, box.height > 0 else { return nil }
        return box
    }
}
