/// Keeps each preview slot asking for what the screen shows now, and takes in results.
enum PreviewUpdate {
    /// After every action: works out what each slot should show (from the selection and the
    /// layout) and asks for it when that changed. A slot that wants something new shows
    /// "loading" at once and never keeps the previous file's picture.
    static func sync(_ state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        for slot in PreviewSlot.allCases {
            let wanted = wantedRequest(slot, state)
            let current = state.previews[slot]
            guard wanted != current.request else { continue }
            if let wanted {
                state.previews[slot] = PreviewSlotState(request: wanted, content: .loading)
                effects.append(.loadPreview(slot, wanted))
            } else {
                state.previews[slot] = PreviewSlotState()
                if current.request != nil { effects.append(.cancelPreview(slot)) }
            }
        }
        return effects
    }

    /// A finished preview: shown only if the slot still wants exactly this request.
    static func loaded(_ slot: PreviewSlot, _ key: PreviewRequestKey, _ outcome: PreviewOutcome, _ state: inout AppState) {
        if case .picture(let picture, let facts) = outcome, slot != .file {
            // True of the file even when stale: the loupe needs sizes before it can ask for regions.
            state.previews.sizes[key.path] = PixelExtent(width: facts.width, height: facts.height)
            state.loupe.cellPixels = picture.pixels?.cell ?? .halfBlockCell
        }
        guard state.previews[slot].request == key else { return }
        switch outcome {
        case .picture(let picture, let facts):
            state.previews[slot].content = .picture(picture, facts)
        case .failed(let reason):
            state.previews[slot].content = .failed(TerminalSafeTextBridge.text(reason, limit: 200))
        }
    }

    /// What `slot` should show now, or nil for nothing.
    static func wantedRequest(_ slot: PreviewSlot, _ state: AppState) -> PreviewRequestKey? {
        let layout = Layout(size: state.size)
        if slot == .enlarged && state.showsDetails { return detailsRequest(state, layout) }
        // The compare view covers the screen: the panes' pictures (pixels would sit above it) wait.
        if state.showsCompare && !PreviewSlot.compareSlots.contains(slot) { return nil }
        guard let box = layout.previewBox(slot) else { return nil }
        let path: FilePath
        var modified: Int64?
        switch slot {
        case .file:
            guard let entry = state.files.selectedEntry, entry.looksLikeImage, let selected = state.files.selectedPath else { return nil }
            // A GIF named .png has no picture to make: the pane says what it is instead.
            if case .unsupported = state.files.inspections[selected] { return nil }
            path = selected
            modified = entry.modified
        case .source:
            guard !state.showsEnlargedResult, !state.showsDetails, let job = state.results.selectedJob else { return nil }
            path = FilePath(job.sourcePath)
        case .result:
            guard !state.showsEnlargedResult, !state.showsDetails, let job = state.results.selectedJob, let file = job.downloadedFile else { return nil }
            path = FilePath(file)
        case .enlarged:
            guard state.showsEnlargedResult, let job = state.results.selectedJob, let file = job.downloadedFile else { return nil }
            path = FilePath(file)
        case .compareSource, .compareFirst, .compareSecond:
            guard let wanted = compareFile(slot, state) else { return nil }
            path = wanted
        }
        let region = LoupeUpdate.region(slot, path: path, box: box, state)
        return PreviewRequestKey(path: path, modified: modified, columns: box.width, rows: box.height, region: region)
    }

    /// The compare view's pictures: the first job's source, each job's saved result. The
    /// panes' slots keep theirs meanwhile, so Esc finds them as they were.
    static func compareFile(_ slot: PreviewSlot, _ state: AppState) -> FilePath? {
        guard state.showsCompare, let pair = state.results.compare, let first = state.results.job(pair.first) else { return nil }
        switch slot {
        case .compareSource: return FilePath(first.sourcePath)
        case .compareFirst: return first.downloadedFile.map { FilePath($0) }
        case .compareSecond: return state.results.job(pair.second)?.downloadedFile.map { FilePath($0) }
        default: return nil
        }
    }

    /// The details view uses the larger view's slot (the two never show together) for the
    /// picture of the image it is on, where it has room for one.
    static func detailsRequest(_ state: AppState, _ layout: Layout) -> PreviewRequestKey? {
        guard let box = layout.detailsPicture, let job = state.results.selectedJob, let details = state.results.details,
              let file = job.downloadedFile(image: details.image) else { return nil }
        return PreviewRequestKey(path: FilePath(file), columns: box.width, rows: box.height)
    }
}

extension JobRow {
    /// The saved file of one image of a done job (the first's, when the job lists no images).
    func downloadedFile(image index: Int) -> String? {
        guard state == .done else { return nil }
        return images.indices.contains(index) ? images[index].localFile : localFile
    }

    /// The saved result, once the job is done and the file is there to preview.
    var downloadedFile: String? { state == .done ? localFile : nil }
}
