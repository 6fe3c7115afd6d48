/// Where the compare view puts things: it covers every pane (two results need the width), the
/// two results side by side, and the source beside them on a wide screen, above them on a
/// tall one, or not at all. Decided by the size alone, so `update` asks for pictures the size
/// of the boxes `render` draws them in.
extension Layout {
    enum CompareSourcePlace { case beside, above, nowhere }

    /// Rows above each result's picture: its name, model and factor, fields, size and cost.
    static let compareInfoRows = 4

    public var compareView: Rect { Rect(x: 0, y: 0, width: size.columns, height: size.rows - 2) }

    var compareSourcePlace: CompareSourcePlace {
        let inner = compareView.inner
        if inner.width >= 150 { return .beside }
        if inner.height >= 30 { return .above }
        return .nowhere
    }

    /// The source's area: a label row, then its picture; nil when there is no room for it.
    public var compareSource: Rect? {
        let inner = compareView.inner
        switch compareSourcePlace {
        case .beside: return Rect(x: inner.x, y: inner.y, width: inner.width / 3, height: inner.height)
        case .above: return Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height / 3)
        case .nowhere: return nil
        }
    }

    /// Both results' area, past the source and its rule.
    var compareResults: Rect {
        let inner = compareView.inner
        guard let source = compareSource else { return inner }
        switch compareSourcePlace {
        case .beside: return Rect(x: source.maxX + 1, y: inner.y, width: inner.maxX - source.maxX - 1, height: inner.height)
        case .above, .nowhere: return Rect(x: inner.x, y: source.maxY + 1, width: inner.width, height: inner.maxY - source.maxY - 1)
        }
    }

    /// One result's column (0: the first marked, 1: the second), a rule's column apart.
    public func compareColumn(_ index: Int) -> Rect {
        let area = compareResults
        let leftWidth = (area.width - 1) / 2
        if index == 0 { return Rect(x: area.x, y: area.y, width: leftWidth, height: area.height) }
        return Rect(x: area.x + leftWidth + 1, y: area.y, width: area.width - leftWidth - 1, height: area.height)
    }

    /// The box a compare slot's picture is made to fit.
    public func comparePicture(_ slot: PreviewSlot) -> Rect? {
        let box: Rect
        switch slot {
        case .compareSource:
            guard let source = compareSource else { return nil }
            box = Rect(x: source.x, y: source.y + 1, width: source.width, height: source.height - 1)
        case .compareFirst, .compareSecond:
            let column = compareColumn(slot == .compareFirst ? 0 : 1)
            box = Rect(x: column.x, y: column.y + Self.compareInfoRows, width: column.width, height: column.height - Self.compareInfoRows)
        case .file, .source, .result, .enlarged:
            return nil
        }
        return box.width > 0 && box.height > 0 ? box : nil
    }
}
