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
            if let request = state.files.cycleSort() { effects.append(.readFileDetails(request)) }
            state.message = StatusMessage(state.files.isSorting ? "sorting by \(state.files.sortOrder.rawValue)…"
                                                                : "sorted by \(state.files.sortOrder.rawValue)")
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

    /// Records sizes and times read for the listing on screen (older listings' are dropped);
    /// a sort by time or size waiting for them happens when the last arrive.
    static func detailsRead(_ answer: FileDetailsAnswer, _ state: inout AppState) -> [Effect] {
        guard answer.folder == state.files.path, answer.listingRequest == state.files.listingRequest else { return [] }
        guard state.files.record(answer) else { return [] }
        state.message = StatusMessage("sorted by \(state.files.sortOrder.rawValue)")
        keepCursorVisible(&state)
        return requestInspections(&state)
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

    /// What the rows on screen still need read, each entry once: sizes and times (`stat`),
    /// and pixel sizes (image headers). Nothing is read for rows never drawn.
    static func requestInspections(_ state: inout AppState) -> [Effect] {
        let height = Layout(size: state.size).filesList.height
        guard height > 0 else { return [] }
        var wanted: [FilePath] = []
        let end = min(state.files.visible.count, state.files.scrollTop + height)
        guard state.files.scrollTop < end else { return [] }
        let details = state.files.detailsRequest(rows: state.files.scrollTop..<end).map { Effect.readFileDetails($0) }
        for row in state.files.scrollTop..<end {
            guard let entry = state.files.entry(atVisibleRow: row), entry.looksLikeImage || entry.looksLikeOtherImage else { continue }
            let path = state.files.path.appending(entry.name)
            if state.files.inspectionRequested.insert(path).inserted { wanted.append(path) }
        }
        return (details.map { [$0] } ?? []) + (wanted.isEmpty ? [] : [.inspectImages(wanted)])
    }
}
