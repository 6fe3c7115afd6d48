/// Performs a command from a binding table. Each pane's commands live in that pane's file.
enum Commands {
    static func perform(_ command: Command, key: Key, _ state: inout AppState) -> [Effect] {
        switch command {
        case .submit: return Submission.submit(&state)
        case .quit: return quit(&state)
        case .suspend: return [.suspend]
        case .nextPane: state.focus = state.focus.next; return []
        case .previousPane: state.focus = state.focus.previous; return []
        case .showHelp: state.overlay = .help(filter: "", scroll: 0); return []
        case .toggleMouse:
            state.mouseEnabled.toggle()
            state.message = StatusMessage(state.mouseEnabled ? "mouse on" : "mouse off")
            return [.setMouse(state.mouseEnabled)]
        case .togglePause: return togglePause(&state)
        case .chooseModel:
            state.overlay = .modelChooser(ModelChooser(current: state.parameters.models.model))
            return []
        case .chooserUp, .chooserDown, .chooserPick, .chooserCancel, .chooserDeleteBackward:
            ModelChooserUpdate.perform(command, &state)
            return []

        case .filesUp, .filesDown, .filesPageUp, .filesPageDown, .filesTop, .filesBottom,
             .enterFolder, .parentFolder, .homeFolder, .toggleHidden, .toggleNonImages, .cycleSort,
             .startFilter, .toggleMark, .clearFilterOrMarks, .filterAccept, .filterCancel, .filterDeleteBackward:
            return FilesUpdate.perform(command, &state)

        case .cursorLeft, .cursorRight, .wordLeft, .wordRight, .lineStart, .lineEnd, .deleteBackward,
             .deleteForward, .deleteWord, .deleteToStart, .deleteToEnd, .editorUp, .editorDown, .leaveEditor,
             .previousField, .nextField, .decrease, .increase, .decreaseTen, .increaseTen, .fieldMinimum,
             .fieldMaximum, .typeDigit, .eraseDigit, .cycleChoice, .editPrompt, .setAuto:
            ParametersUpdate.perform(command, key: key, &state)
            return []

        case .resultsUp, .resultsDown, .resultsPageUp, .resultsPageDown, .resultsTop, .resultsBottom,
             .openResult, .copyURL, .cancelJob, .retryJob, .useSeed,
             .toggleEnlarged, .closeEnlarged, .copyPath, .showDetails:
            return ResultsUpdate.perform(command, &state)
        case .loadIntoEditor, .resubmit:
            // v2 jobs are taken here; the legacy path stays the results pane's.
            return JobReuse.perform(command, &state) ?? ResultsUpdate.perform(command, &state)

        case .toggleJobMark, .compareMarked, .closeCompare:
            return CompareUpdate.perform(command, &state)

        case .loupeZoom, .loupeRecentre, .loupeLeft, .loupeRight, .loupeUp, .loupeDown:
            LoupeUpdate.perform(command, &state)
            return []

        case .closeDetails, .previousImage, .nextImage, .detailsScrollUp, .detailsScrollDown, .detailsPageUp, .detailsPageDown:
            DetailsUpdate.perform(command, &state)
            return []

        case .closeHelp, .helpDeleteBackward, .helpScrollUp, .helpScrollDown, .helpPageUp, .helpPageDown:
            HelpUpdate.perform(command, &state)
            return []

        case .confirm: return ConfirmationUpdate.confirm(&state)
        case .dismiss: state.overlay = nil; return []
        }
    }

    /// The queue says when it has paused or resumed; the state follows its word, not the key.
    static func togglePause(_ state: inout AppState) -> [Effect] {
        if state.queuePause == nil {
            state.message = StatusMessage("pausing: jobs in flight finish, nothing new is sent")
            return [.pauseQueue]
        }
        state.message = StatusMessage("resuming: held jobs are sent again")
        return [.resumeQueue]
    }

    /// The first quit sends nothing new and waits for the requests already sent (they are
    /// paid for: their results are saved), then the UI ends by itself; queued jobs stay queued
    /// for a later run. A second quit abandons what is still in flight.
    /// A job submitted a moment ago may not be in the rows yet: after any submission the queue
    /// is asked (it answers at once when nothing was sent).
    static func quit(_ state: inout AppState) -> [Effect] {
        if state.isQuitting || (state.results.inFlightCount == 0 && !state.hasSubmitted) {
            state.hasQuit = true
            return [.quit]
        }
        state.isQuitting = true
        state.pendingSubmission = nil
        return [.finishSentWork]
    }
}

enum HelpUpdate {
    static func perform(_ command: Command, _ state: inout AppState) {
        guard case .help(let filter, let scroll) = state.overlay else { return }
        // Scrolling stays within the lines there are, so Up after paging past the end moves.
        let page = HelpPage(size: state.size, filter: filter)
        switch command {
        case .closeHelp: state.overlay = nil
        case .helpDeleteBackward: state.overlay = .help(filter: String(filter.dropLast()), scroll: 0)
        case .helpScrollUp: state.overlay = .help(filter: filter, scroll: page.clamped(scroll - 1))
        case .helpScrollDown: state.overlay = .help(filter: filter, scroll: page.clamped(scroll + 1))
        case .helpPageUp: state.overlay = .help(filter: filter, scroll: page.clamped(scroll - page.bodyHeight))
        case .helpPageDown: state.overlay = .help(filter: filter, scroll: page.clamped(scroll + page.bodyHeight))
        default: break
        }
    }
}

enum ConfirmationUpdate {
    static func confirm(_ state: inout AppState) -> [Effect] {
        guard case .confirm(let question) = state.overlay else { return [] }
        state.overlay = nil
        switch question {
        case .submit(let submissions, let leftOut):
            return Submission.send(submissions, leftOut: leftOut, &state)
        case .retry(let id, let source, _):
            state.message = StatusMessage("retrying \(TerminalSafeTextBridge.text(source, limit: 60))")
            state.hasSubmitted = true
            return [.retryJob(id)]
        case .sendHeld(let id, let source, _):
            state.message = StatusMessage("sending \(TerminalSafeTextBridge.text(source, limit: 60))")
            state.hasSubmitted = true
            return [.retryJob(id)]
        case .cancel(let id, let source, _, _):
            state.message = StatusMessage("cancelling \(TerminalSafeTextBridge.text(source, limit: 60))")
            return [.cancelJob(id)]
        case .resubmit(let id, let source, _):
            state.message = StatusMessage("resubmitted \(TerminalSafeTextBridge.text(source, limit: 60))")
            state.hasSubmitted = true
            return [.resubmitJob(id)]
        case .resubmitGeneration(var submission, _):
            submission.quote = JobReuse.price(submission, state)
            return Submission.send([submission], leftOut: [], &state)
        }
    }
}
