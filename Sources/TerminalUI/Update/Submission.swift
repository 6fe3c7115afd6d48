/// Ctrl-S: what gets submitted, the repeats left out, the cost question, and refusing invalid
/// parameters. Nothing that bills more than one image is sent without a question.
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
        if state.isQuitting || state.hasQuit {
            state.message = StatusMessage("quitting: nothing new is sent", isError: true)
            return []
        }
        if state.parameters.models.model != nil { return ModelSubmission.submit(&state) }
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
        // One image is sent at once, unless its estimate passes the threshold that asks first.
        guard images(submissions) > 1 || SubmissionPrice(submissions, state).micros > state.confirmOverUSDMicros else {
            return send(submissions, leftOut: [], &state)
        }
        // Before the cost question, the queue says which files repeat an earlier job: those
        // are not sent, so the question leaves them out of the count.
        state.submissionChecks += 1
        state.pendingSubmission = PendingSubmission(check: state.submissionChecks, submissions: submissions)
        state.message = StatusMessage("checking for repeats of earlier jobs…")
        return [.findRepeats(submissions, check: state.submissionChecks)]
    }

    /// The queue's answer to `.findRepeats`: ask about what is left, or say nothing is.
    static func repeatsFound(check: Int, paths: Set<String>, _ state: inout AppState) -> [Effect] {
        guard let pending = state.pendingSubmission, pending.check == check else { return [] }
        state.pendingSubmission = nil
        let kept = pending.submissions.filter { !paths.contains($0.sourcePath) }
        let leftOut = pending.submissions.map(\.sourcePath).filter(paths.contains)
        if kept.isEmpty {
            let seed = pending.submissions.first?.request.seed.map { " with seed \($0)" } ?? ""
            state.message = StatusMessage("already upscaled\(seed), not sent: \(TerminalSafeTextBridge.text(names(leftOut, limit: 3), limit: 120)) — pick a new seed, or press r on the earlier job", isError: true)
            return []
        }
        guard images(kept) > 1 || SubmissionPrice(kept, state).micros > state.confirmOverUSDMicros else {
            return send(kept, leftOut: leftOut, &state)
        }
        state.overlay = .confirm(.submit(kept, leftOut: leftOut))
        state.message = nil
        return []
    }

    static func send(_ submissions: [JobSubmission], leftOut: [String], _ state: inout AppState) -> [Effect] {
        guard !submissions.isEmpty else { return [] }
        let images = images(submissions)
        var text = "submitted \(submissions.count) job\(submissions.count == 1 ? "" : "s") (\(images) image\(images == 1 ? "" : "s") billed on success)"
        if !leftOut.isEmpty { text += "; not sent again: \(TerminalSafeTextBridge.text(names(leftOut, limit: 3), limit: 120))" }
        state.message = StatusMessage(text)
        state.files.marked.removeAll()
        // The job loaded with `e` has been sent on: the editor no longer stands for it, and the
        // next Ctrl-S goes back to the marked or selected files.
        state.parameters.loadedFrom = nil
        state.hasSubmitted = true
        return [.submit(submissions)]
    }

    /// What the submissions bill if every image comes back: files times images per file.
    static func images(_ submissions: [JobSubmission]) -> Int {
        submissions.reduce(0) { $0 + $1.request.numImages }
    }

    /// File names for a sentence: the first `limit`, then how many more (raw; sanitised when drawn).
    static func names(_ paths: [String], limit: Int) -> String {
        let shown = paths.prefix(limit).map { $0.split(separator: "/").last.map(String.init) ?? $0 }
        let rest = paths.count - shown.count
        return shown.joined(separator: ", ") + (rest > 0 ? " and \(rest) more" : "")
    }
}
