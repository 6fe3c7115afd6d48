import Foundation

/// The core's one entry point for change: apply an action to the state and say what work the
/// outside must do. Pure: no I/O, no clock, no terminal.
public func update(_ state: inout AppState, _ action: Action) -> [Effect] {
    let effects = apply(action, &state)
    // An error about a value stays only while the value is wrong.
    if state.message?.isAboutParameters == true && state.parameters.problems.isEmpty { state.message = nil }
    // Whatever changed (selection, size, jobs, focus), the previews follow it, and a
    // selection near the end of the list reads more of the history.
    return effects + HistoryUpdate.loadMoreIfNeeded(&state) + PreviewUpdate.sync(&state)
        + QuoteUpdate.sync(after: action, &state)
}

private func apply(_ action: Action, _ state: inout AppState) -> [Effect] {
    switch action {
    case .key(let key):
        return KeyDispatch.handle(key, &state)
    case .paste(let text):
        return KeyDispatch.paste(text, &state)
    case .mouse(let event):
        return MouseDispatch.handle(event, &state)
    case .resize(let size):
        state.size = size
        FilesUpdate.keepCursorVisible(&state)
        ResultsUpdate.keepSelectionVisible(&state)
        return FilesUpdate.requestInspections(&state)
    case .tick(let now):
        state.now = now
        state.tickCount &+= 1
        return []
    case .directoryListed(let listing):
        // Only the answer to the latest request: a listing of a folder the user has left, or an
        // older listing of this one that finished late, would replace what is current.
        guard listing.path == state.files.path, listing.request == state.files.listingRequest else { return [] }
        let sortDetails = state.files.load(listing)
        if let error = listing.error {
            state.message = StatusMessage("\(listing.path.display): \(TerminalSafeTextBridge.text(error, limit: 200))", isError: true)
        }
        FilesUpdate.keepCursorVisible(&state)
        return FilesUpdate.requestInspections(&state) + (sortDetails.map { [.readFileDetails($0)] } ?? [])
    case .fileDetailsRead(let answer):
        return FilesUpdate.detailsRead(answer, &state)
    case .imageInspected(let path, let inspection):
        JobReuse.sourceInspected(path, inspection, &state)
        // Sizes read for a folder the user has left are not kept (see `beginLoading`).
        guard path.parent == state.files.path else { return [] }
        state.files.inspections[path] = inspection
        return []
    case .jobsChanged(let rows):
        state.results.replaceJobs(rows)
        ResultsUpdate.keepSelectionVisible(&state)
        return []
    case .queuePauseChanged(let pause):
        state.queuePause = pause
        return []
    case .previewLoaded(let slot, let key, let outcome):
        PreviewUpdate.loaded(slot, key, outcome, &state)
        return []
    case .message(let text, let isError):
        state.message = StatusMessage(TerminalSafeTextBridge.text(text, limit: 300), isError: isError)
        return []
    case .repeatsFound(let check, let paths):
        return Submission.repeatsFound(check: check, paths: paths, &state)
    case .historyLoaded(let page):
        state.results.addHistory(page)
        ResultsUpdate.keepSelectionVisible(&state)
        return []
    case .quoteAnswered(let key, let outcome):
        QuoteUpdate.answered(key, outcome, &state)
        return []
    case .spendChanged(let spend):
        state.spend = spend
        return []
    case .sentWorkFinished:
        guard state.isQuitting else { return [] }
        state.hasQuit = true
        return [.quit]
    }
}

/// Applies actions in order, collecting effects: handy for tests and replays.
public func update(_ state: inout AppState, _ actions: [Action]) -> [Effect] {
    actions.flatMap { update(&state, $0) }
}
