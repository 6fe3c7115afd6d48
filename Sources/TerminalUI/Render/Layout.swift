/// Where each pane sits for a terminal size. Shared by `render` and `update` (mouse clicks,
/// page sizes, wrapping), so both agree on every cell.
public struct Layout: Hashable, Sendable {
    /// Below this the UI shows a "terminal too small" screen instead of the panes.
    public static let minimum = Size(columns: 60, rows: 18)

    public let size: Size
    public let files: Rect
    public let parameters: Rect
    public let results: Rect
    public let statusBar: Rect
    public let footer: Rect
    public let promptRows: Int

    public init(size: Size) {
        self.size = size
        let paneHeight = size.rows - 2
        let filesWidth = size.columns * 2 / 5
        files = Rect(x: 0, y: 0, width: filesWidth, height: paneHeight)
        promptRows = size.rows >= 40 ? 5 : 3
        let parametersHeight = promptRows + 9
        parameters = Rect(x: filesWidth, y: 0, width: size.columns - filesWidth, height: parametersHeight)
        results = Rect(x: filesWidth, y: parametersHeight, width: size.columns - filesWidth, height: paneHeight - parametersHeight)
        statusBar = Rect(x: 0, y: size.rows - 2, width: size.columns, height: 1)
        footer = Rect(x: 0, y: size.rows - 1, width: size.columns, height: 1)
    }

    public var isTooSmall: Bool { size.columns < Self.minimum.columns || size.rows < Self.minimum.rows }

    // Files pane: a path row, the list with the preview below or beside it, a summary row.
    public var filesPathRow: Rect { Rect(x: files.inner.x, y: files.inner.y, width: files.inner.width, height: 1) }
    /// Between the path row and the summary row: the list and the preview share it.
    var filesBody: Rect { Rect(x: files.inner.x, y: files.inner.y + 1, width: files.inner.width, height: files.inner.height - 2) }
    public var filesList: Rect {
        let body = filesBody
        guard let preview = filesPreview else { return body }
        if filesPreviewIsBeside { return Rect(x: body.x, y: body.y, width: preview.x - body.x, height: body.height) }
        return Rect(x: body.x, y: body.y, width: body.width, height: preview.y - body.y)
    }
    public var filesSummaryRow: Rect { Rect(x: files.inner.x, y: files.inner.maxY - 1, width: files.inner.width, height: 1) }

    // Parameters pane: the prompt editor, a rule, five fields, the JSON preview.
    public var promptArea: Rect { Rect(x: parameters.inner.x, y: parameters.inner.y, width: parameters.inner.width, height: promptRows) }
    public func fieldRow(_ field: ParameterField) -> Rect {
        let index = ParameterField.allCases.firstIndex(of: field)!
        if index == 0 { return promptArea }
        return Rect(x: parameters.inner.x, y: parameters.inner.y + promptRows + index, width: parameters.inner.width, height: 1)
    }
    public var jsonRow: Rect { Rect(x: parameters.inner.x, y: parameters.inner.maxY - 1, width: parameters.inner.width, height: 1) }

    // Results pane: the job list, the source and result side by side (when tall enough), the
    // selected job's details.
    public var detailRows: Int { results.inner.height >= 16 ? 6 : 4 }
    public var resultsList: Rect {
        let below = detailRows + 1 + (resultsPreviewRows > 0 ? resultsPreviewRows + 1 : 0)
        return Rect(x: results.inner.x, y: results.inner.y, width: results.inner.width, height: max(1, results.inner.height - below))
    }
    public var resultsDetails: Rect {
        let top = (resultsPreviews?.maxY ?? resultsList.maxY) + 1
        return Rect(x: results.inner.x, y: top, width: results.inner.width, height: results.inner.maxY - top)
    }
}
