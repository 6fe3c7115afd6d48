/// A click focuses the pane under it and selects the row; the wheel moves the selection.
enum MouseDispatch {
    static func handle(_ event: MouseEvent, _ state: inout AppState) -> [Effect] {
        guard state.mouseEnabled, state.overlay == nil else { return [] }
        let layout = Layout(size: state.size)
        guard !layout.isTooSmall else { return [] }
        // The compare view covers every pane: a click must not land on what is beneath it.
        guard !state.showsCompare else { return [] }
        if state.showsDetails, layout.enlargedView.contains(x: event.x, y: event.y) {
            // The details view covers the right column too: the wheel scrolls it.
            switch event.button {
            case .wheelUp: DetailsUpdate.perform(.detailsScrollUp, &state)
            case .wheelDown: DetailsUpdate.perform(.detailsScrollDown, &state)
            case .left, .right: break
            }
            return []
        }
        if state.showsEnlargedResult, layout.enlargedView.contains(x: event.x, y: event.y) {
            // The larger view covers the right column: the wheel still changes the job, and a
            // click must not land on the rows hidden beneath it.
            switch event.button {
            case .wheelUp: return ResultsUpdate.perform(.resultsUp, &state)
            case .wheelDown: return ResultsUpdate.perform(.resultsDown, &state)
            case .left, .right: return []
            }
        }
        let pane: Pane
        if layout.files.contains(x: event.x, y: event.y) {
            pane = .files
        } else if layout.parameters.contains(x: event.x, y: event.y) {
            pane = .parameters
        } else if layout.results.contains(x: event.x, y: event.y) {
            pane = .results
        } else {
            return []
        }
        switch event.button {
        case .wheelUp, .wheelDown:
            let down = event.button == .wheelDown
            switch pane {
            case .files: return FilesUpdate.perform(down ? .filesDown : .filesUp, &state)
            case .results: return ResultsUpdate.perform(down ? .resultsDown : .resultsUp, &state)
            case .parameters: return []
            }
        case .left, .right:
            state.focus = pane
            switch pane {
            case .files:
                let list = layout.filesList
                guard list.contains(x: event.x, y: event.y) else { return [] }
                let row = state.files.scrollTop + event.y - list.y
                guard row < state.files.visible.count else { return [] }
                state.files.cursor = row
                if event.isDoubleClick { return FilesUpdate.perform(.enterFolder, &state) }
                return FilesUpdate.requestInspections(&state)
            case .results:
                let list = layout.resultsList
                guard list.contains(x: event.x, y: event.y) else { return [] }
                let row = state.results.scrollTop + event.y - list.y
                if row < state.results.jobs.count { state.results.select(index: row) }
            case .parameters where state.parameters.models.model != nil:
                let area = ModelFieldsView.listArea(layout)
                for (field, rect) in ModelFieldsView.placements(state, area: area) where rect.contains(x: event.x, y: event.y) {
                    state.parameters.models.focus = field
                    state.parameters.focus = field == .prompt ? .prompt : .resemblance
                    state.parameters.typedDigits = nil
                }
            case .parameters:
                for field in ParameterField.allCases where layout.fieldRow(field).contains(x: event.x, y: event.y) {
                    state.parameters.focus = field
                    state.parameters.typedDigits = nil
                }
            }
            return []
        }
    }
}
