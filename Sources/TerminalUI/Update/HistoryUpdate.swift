/// The results pane reads the history a page at a time: the newest few hundred at start, more
/// as the selection nears the end of what is loaded.
enum HistoryUpdate {
    static func loadMoreIfNeeded(_ state: inout AppState) -> [Effect] {
        guard case .more(let cursor) = state.results.historyPaging else { return [] }
        let page = max(1, Layout(size: state.size).resultsList.height)
        let index = state.results.selectedIndex ?? 0
        guard index >= state.results.jobs.count - page else { return [] }
        state.results.historyPaging = .loading
        return [.loadHistory(olderThan: cursor, limit: HistoryPaging.nextPageSize)]
    }
}
