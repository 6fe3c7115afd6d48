import IdeogramKit

/// `e` and `r` on a v2 job's row: its model and fields back into the parameters pane, or the
/// same request sent again as a new generation after a question with its price. A legacy job
/// returns nil here and takes the results pane's path, with the pane switched back to legacy.
enum JobReuse {
    static func perform(_ command: Command, _ state: inout AppState) -> [Effect]? {
        guard let job = state.results.selectedJob else { return nil }
        guard let generation = job.generation else {
            guard command == .loadIntoEditor else { return nil }
            state.parameters.choose(nil)
            return ResultsUpdate.perform(command, &state) + inspectLoadedSource(state)
        }
        switch command {
        case .loadIntoEditor:
            state.parameters.load(generation.request)
            state.parameters.loadedFrom = .init(id: job.id, sourcePath: job.sourcePath, sourceName: job.sourceName)
            state.focus = .parameters
            state.message = StatusMessage("loaded \(TerminalSafeTextBridge.text(job.sourceName, limit: 60)) (\(generation.request.model.rawValue)): tweak and press Ctrl-S")
            return inspectLoadedSource(state)
        case .resubmit:
            if state.isQuitting {
                state.message = StatusMessage("quitting: nothing new is sent", isError: true)
                return []
            }
            let submission = JobSubmission(sourcePath: job.sourcePath, v2Request: generation.request, quote: generation.quote, basedOn: job.id)
            state.overlay = .confirm(.resubmitGeneration(submission, source: job.sourceName))
            // Without the job's own quote, a fresh one (free) fills the question in when it comes.
            let key = QuoteKey(sourcePath: job.sourcePath, request: generation.request)
            guard generation.quote == nil, state.quotes.answers[key] == nil, !state.quotes.asked.contains(key) else { return [] }
            state.quotes.asked.insert(key)
            return [.requestQuote(key)]
        default:
            return nil
        }
    }

    /// The loaded job's source header, when the files pane has not read it (another folder):
    /// without its size the pane shows no output size and asks no quote.
    static func inspectLoadedSource(_ state: AppState) -> [Effect] {
        guard let loaded = state.parameters.loadedFrom, PaneImage.size(of: loaded.sourcePath, state) == nil else { return [] }
        return [.inspectImages([FilePath(loaded.sourcePath)])]
    }

    /// A header read: kept for the loaded job when it is that job's source.
    static func sourceInspected(_ path: FilePath, _ inspection: ImageInspection, _ state: inout AppState) {
        guard let loaded = state.parameters.loadedFrom, FilePath(loaded.sourcePath) == path else { return }
        state.parameters.loadedFrom?.inspection = inspection
    }

    /// The price for the question: the job's quote, else the fresh one once it has come.
    static func price(_ submission: JobSubmission, _ state: AppState) -> PriceQuote? {
        submission.quote ?? submission.v2Request.flatMap { state.quotes.quote(QuoteKey(sourcePath: submission.sourcePath, request: $0)) }
    }
}
