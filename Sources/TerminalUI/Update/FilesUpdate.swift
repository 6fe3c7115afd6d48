/// The files pane's commands: moving, folders, filters, marks.
enum FilesUpdate {
    static func perform(_ command: Command, _ state: inout AppState) -> [Effect] {
        let page = max(1, Layout(size: state.size).filesList.height - 1)
        let count = state.files.visible.count
        var effects: [Effect] = []
        switch command {
        case .filesUp: move(to: state.files.cursor - 1, &state)
        case .filesDown: move(to: state.files.cursor + 1, &state)
        case .filesPageUp: move(to: state.files.cursor - page, &state)
        case .filesPageDown: move(to: state.files.cursor + page, &state)
        case .filesTop: move(to: 0, &state)
        case .filesBottom: move(to: count - 1, &state)
        case .enterFolder:
            guard let entry = state.files.selectedEntry, let path = state.files.selectedPath else { break }
            if entry.kind.isDirectoryLike {
                effects.append(go(to: path, &state))
            } else if entry.kind == .linkLoop || entry.kind == .brokenLink {
                state.message = StatusMessage("\(entry.displayName) is a \(entry.kind == .linkLoop ? "link loop" : "broken link")", isError: true)
            }
        case .parentFolder:
            let parent = state.files.path.parent
            guard parent != state.files.path else { break }
            let cameFrom = state.files.path.lastComponent
            effects.append(go(to: parent, &state))
            state.files.selectAfterLoad = cameFrom
        case .homeFolder:
            effects.append(go(to: state.homeDirectory, &state))
        case .toggleHidden:
            state.files.showHidden.toggle()
            state.files.refilter()
            state.message = StatusMessage(state.files.showHidden ? "showing hidden files" : "hiding hidden files")
        case .toggleNonImages:
            state.files.hideNonImages.toggle()
            state.files.refilter()
            state.message = StatusMessage(state.files.hideNonImages ? "showing folders and images only" : "showing all files")
        case .cycleSort:
            state.files.cycleSort()
            state.message = StatusMessage("sorted by \(state.files.sortOrder.rawValue)")
        case .startFilter:
            state.files.isEditingFilter = true
        case .toggleMark:
            guard let entry = state.files.selectedEntry, let path = state.files.selectedPath else { break }
            if let refusal = refusal(entry, state.files.inspections[path]), !state.files.marked.contains(path) {
                // The cursor stays, so the preview area says the whole of it.
                state.message = StatusMessage(refusal, isError: true)
                break
            }
            if entry.kind.isFileLike {
                if state.files.marked.remove(path) == nil { state.files.marked.insert(path) }
            } else {
                state.message = StatusMessage("only files can be marked", isError: true)
            }
            move(to: state.files.cursor + 1, &state)
        case .clearFilterOrMarks:
            if !state.files.filter.isEmpty {
                state.files.setFilter("")
            } else {
                state.files.marked.removeAll()
            }
        case .filterAccept:
            state.files.isEditingFilter = false
        case .filterCancel:
            state.files.isEditingFilter = false
            state.files.setFilter("")
        case .filterDeleteBackward:
            if state.files.filter.isEmpty {
                state.files.isEditingFilter = false
            } else {
                state.files.setFilter(String(state.files.filter.dropLast()))
            }
        default:
            break
        }
        keepCursorVisible(&state)
        return effects + requestInspections(&state)
    }

    /// Why a file whose header was read cannot be marked for sending, if it cannot.
    static func refusal(_ entry: FileEntry, _ inspection: ImageInspection?) -> String? {
        switch inspection {
        case .unsupported(let format):
            "\(entry.displayName) is a \(ImageInspection.refusal(format: TerminalSafeTextBridge.text(format, limit: 12)))"
        case .notAnImage(let why):
            "\(entry.displayName) is not an image the API takes (\(TerminalSafeTextBridge.text(why, limit: 120)))"
        case .image, nil: nil
        }
    }

    static func move(to row: Int, _ state: inout AppState) {
        state.files.cursor = max(0, min(state.files.visible.count - 1, row))
    }

    static func go(to path: FilePath, _ state: inout AppState) -> Effect {
        .listDirectory(path, request: state.files.beginLoading(path))
    }

    static func keepCursorVisible(_ state: inout AppState) {
        let height = max(1, Layout(size: state.size).filesList.height)
        let cursor = state.files.cursor
        if cursor < state.files.scrollTop { state.files.scrollTop = cursor }
        if cursor >= state.files.scrollTop + height { state.files.scrollTop = cursor - height + 1 }
        state.files.scrollTop = max(0, min(state.files.scrollTop, max(0, state.files.visible.count - height)))
    }

    /// Pixel sizes are read lazily: only for image rows on screen, each path once.
    static func requestInspections(_ state: inout AppState) -> [Effect] {
        let height = Layout(size: state.size).filesList.height
        guard height > 0 else { return [] }
        var wanted: [FilePath] = []
        let end = min(state.files.visible.count, state.files.scrollTop + height)
        guard state.files.scrollTop < end else { return [] }
        for row in state.files.scrollTop..<end {
            guard let entry = state.files.entry(atVisibleRow: row), entry.looksLikeImage || entry.looksLikeOtherImage else { continue }
            let path = state.files.path.appending(entry.name)
            if state.files.inspectionRequested.insert(path).inserted { wanted.append(path) }
        }
        return wanted.isEmpty ? [] : [.inspectImages(wanted)]
    }
}
