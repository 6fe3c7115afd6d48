/// The results pane's commands.
enum ResultsUpdate {
    static func perform(_ command: Command, _ state: inout AppState) -> [Effect] {
        let page = max(1, Layout(size: state.size).resultsList.height - 1)
        let index = state.results.selectedIndex ?? 0
        var effects: [Effect] = []
        switch command {
        case .resultsUp: state.results.select(index: index - 1)
        case .resultsDown: state.results.select(index: index + 1)
        case .resultsPageUp: state.results.select(index: index - page)
        case .resultsPageDown: state.results.select(index: index + page)
        case .resultsTop: state.results.select(index: 0)
        case .resultsBottom: state.results.select(index: state.results.jobs.count - 1)
        case .toggleEnlarged: state.results.isEnlarged.toggle()
        case .closeEnlarged:
            guard state.results.isEnlarged else { return [] }
            state.results.isEnlarged = false
        default:
            guard let job = state.results.selectedJob else {
                state.message = StatusMessage("no job selected", isError: true)
                return []
            }
            effects = act(on: job, command, &state)
        }
        keepSelectionVisible(&state)
        return effects
    }

    private static func act(on job: JobRow, _ command: Command, _ state: inout AppState) -> [Effect] {
        switch command {
        case .showDetails:
            state.results.details = ResultDetails()
        case .openResult:
            let (url, file) = result(of: job, state)
            if let url, let target = OpenTarget.url(checking: url) { return [.open(target)] }
            if let file, let target = OpenTarget.file(checking: file) { return [.open(target)] }
            state.message = StatusMessage("nothing to open for this job", isError: true)
        case .copyURL:
            if let url = result(of: job, state).url, OpenTarget.url(checking: url) != nil {
                state.message = StatusMessage("URL copied (OSC 52)")
                return [.copyToClipboard(url)]
            }
            state.message = StatusMessage("this job has no URL to copy", isError: true)
        case .copyPath:
            if let file = result(of: job, state).file, OpenTarget.file(checking: file) != nil {
                state.message = StatusMessage("path copied (OSC 52): \(TerminalSafeTextBridge.text(file, limit: 200))")
                return [.copyToClipboard(file)]
            }
            state.message = StatusMessage("this job has no saved file", isError: true)
        case .loadIntoEditor:
            state.parameters.load(job.request)
            state.parameters.loadedFrom = .init(id: job.id, sourcePath: job.sourcePath, sourceName: job.sourceName)
            state.focus = .parameters
            state.parameters.focus = .resemblance
            state.message = StatusMessage("loaded \(TerminalSafeTextBridge.text(job.sourceName, limit: 60)): tweak and press Ctrl-S")
        case .resubmit where state.isQuitting, .retryJob where state.isQuitting:
            state.message = StatusMessage("quitting: nothing new is sent", isError: true)
        case .resubmit:
            state.overlay = .confirm(.resubmit(job.id, source: job.sourceName, images: job.request.numImages))
        case .cancelJob:
            guard job.state.isInFlight else {
                state.message = StatusMessage("the job is \(job.state.label): nothing to cancel", isError: true)
                return []
            }
            guard job.state != .queued else { return [.cancelJob(job.id)] }
            // Its request is sent (or answered): cancelling may not save the money.
            state.overlay = .confirm(.cancel(job.id, source: job.sourceName, images: job.request.numImages, state: job.state))
        case .retryJob where job.isHeld:
            state.overlay = .confirm(.sendHeld(job.id, source: job.sourceName, images: job.request.numImages))
        case .retryJob:
            guard job.state.canRetry else {
                state.message = StatusMessage("only failed or unknown jobs can be retried", isError: true)
                return []
            }
            state.overlay = .confirm(.retry(job.id, source: job.sourceName, mayHaveBeenBilled: job.mayHaveBeenBilled))
        case .useSeed:
            guard let seed = job.seed else {
                state.message = StatusMessage("this job has no seed yet", isError: true)
                return []
            }
            state.parameters.seed = .fixed(seed)
            state.message = StatusMessage("seed \(seed) will be used")
        default:
            break
        }
        return []
    }

    /// The URL and saved file `o`, `y` and `Y` (`c` in the details) act on: the image shown in
    /// the details view, else the job's first.
    static func result(of job: JobRow, _ state: AppState) -> (url: String?, file: String?) {
        if let details = state.results.details, job.images.indices.contains(details.image) {
            let image = job.images[details.image]
            return (image.url, image.localFile)
        }
        return (job.resultURL, job.localFile)
    }

    static func keepSelectionVisible(_ state: inout AppState) {
        let height = max(1, Layout(size: state.size).resultsList.height)
        let index = state.results.selectedIndex ?? 0
        if index < state.results.scrollTop { state.results.scrollTop = index }
        if index >= state.results.scrollTop + height { state.results.scrollTop = index - height + 1 }
        state.results.scrollTop = max(0, min(state.results.scrollTop, max(0, state.results.jobs.count - height)))
    }
}
