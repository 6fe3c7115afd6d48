/// Ctrl-S and `s`: what gets submitted, the cost question, and refusing invalid parameters.
enum Submission {
    /// Marked images win; then a job loaded with `e`; then the file selected in the files pane.
    static func targets(_ state: AppState) -> (paths: [String], problems: [String]) {
        var problems: [String] = []
        if !state.files.marked.isEmpty {
            var paths: [String] = []
            for path in state.files.marked.sorted(by: { $0.bytes.lexicographicallyPrecedes($1.bytes) }) {
                if let string = path.string { paths.append(string) } else { problems.append("\(path.display): the name is not UTF-8 and cannot be sent") }
            }
            return (paths, problems)
        }
        if let loaded = state.parameters.loadedFrom { return ([loaded.sourcePath], []) }
        guard let entry = state.files.selectedEntry, let path = state.files.selectedPath else {
            return ([], ["nothing to submit: select or mark an image"])
        }
        guard entry.kind.isFileLike else { return ([], ["\(entry.displayName) is not a file: select or mark an image"]) }
        guard let string = path.string else { return ([], ["\(entry.displayName): the name is not UTF-8 and cannot be sent"]) }
        return ([string], [])
    }

    static func submit(_ state: inout AppState) -> [Effect] {
        let request = state.parameters.request
        if let problem = state.parameters.problems.first {
            state.message = StatusMessage("not sent: \(problem.description)", isError: true, isAboutParameters: true)
            state.focus = .parameters
            return []
        }
        let (paths, problems) = targets(state)
        if let problem = problems.first {
            state.message = StatusMessage(problem, isError: true)
            return []
        }
        let basedOn = state.files.marked.isEmpty ? state.parameters.loadedFrom?.id : nil
        let submissions = paths.map { JobSubmission(sourcePath: $0, request: request, basedOn: basedOn) }
        if submissions.count > 1 {
            state.overlay = .confirm(.submit(submissions))
            return []
        }
        return send(submissions, &state)
    }

    static func send(_ submissions: [JobSubmission], _ state: inout AppState) -> [Effect] {
        guard !submissions.isEmpty else { return [] }
        let images = submissions.count * (submissions.first?.request.numImages ?? 1)
        state.message = StatusMessage("submitted \(submissions.count) job\(submissions.count == 1 ? "" : "s") (\(images) image\(images == 1 ? "" : "s") billed on success)")
        state.files.marked.removeAll()
        // The job loaded with `e` has been sent on: the editor no longer stands for it, and the
        // next Ctrl-S goes back to the marked or selected files.
        state.parameters.loadedFrom = nil
        return [.submit(submissions)]
    }
}
