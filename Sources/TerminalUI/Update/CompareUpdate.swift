/// Marking jobs in the results pane and comparing two of them.
enum CompareUpdate {
    static func perform(_ command: Command, _ state: inout AppState) -> [Effect] {
        switch command {
        case .toggleJobMark:
            guard let job = state.results.selectedJob else {
                state.message = StatusMessage("no job selected", isError: true)
                return []
            }
            state.results.toggleMark(job.id)
            // Like marking files, the selection moves on, so two neighbours take two presses.
            return ResultsUpdate.perform(.resultsDown, &state)
        case .compareMarked:
            let marks = state.results.marks
            guard marks.count == 2 else {
                let have = marks.isEmpty ? "no job is marked" : "one job is marked"
                state.message = StatusMessage("\(have): mark two jobs with Space, then c compares them", isError: true)
                return []
            }
            state.results.compare = ComparePair(first: marks[0], second: marks[1])
        case .closeCompare:
            state.results.compare = nil
        default:
            break
        }
        return []
    }
}
