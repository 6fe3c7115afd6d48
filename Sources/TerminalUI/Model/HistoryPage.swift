/// Where the next, older page of the history starts (the history's sequence number of the
/// oldest job loaded so far). Opaque to the core: it only hands it back.
public struct HistoryCursor: Hashable, Sendable {
    public var sequence: Int64
    public init(sequence: Int64) { self.sequence = sequence }
}

/// Jobs of earlier runs (and of this one), newest first, as the history holds them.
public struct HistoryPage: Hashable, Sendable {
    public var rows: [JobRow]
    /// Where the following page starts; nil when this page reached the oldest job.
    public var next: HistoryCursor?

    public init(rows: [JobRow], next: HistoryCursor?) {
        self.rows = rows
        self.next = next
    }
}

/// How far the results pane has read the history.
public enum HistoryPaging: Hashable, Sendable {
    /// A page was asked for and has not come yet.
    case loading
    /// More pages are there, from this cursor.
    case more(HistoryCursor)
    /// Every job of the history is loaded.
    case complete

    /// The first page: a tall screen's worth, so the newest jobs show at once even from a long
    /// history (reading 300 rows of a 10,000-job history took 0.7 s under load); more pages
    /// follow as the selection nears the end.
    public static let firstPageSize = 80
    /// Each further page, asked for when the selection nears the end of the list.
    public static let nextPageSize = 200
}
