import IdeogramKit

/// Ctrl-S with a v2 model: every value checked and every known image size checked against the
/// 8192-pixel rule before anything is sent; a batch, or one job over the threshold, asks first
/// with its price.
enum ModelSubmission {
    static func submit(_ state: inout AppState) -> [Effect] {
        guard let model = state.parameters.models.model else { return [] }
        let request: V2Request
        do { request = try V2Request(model: model, values: state.parameters.v2Values) } catch {
            let problem = error.problems[0]
            state.message = StatusMessage("not sent: \(problem.description)", isError: true, isAboutParameters: true)
            state.focus = .parameters
            if let field = UpscaleField(rawValue: problem.field), state.parameters.models.visibleFields.contains(field) {
                state.parameters.models.focus = field
            }
            return []
        }
        let (paths, problems) = Submission.targets(state)
        if let problem = problems.first {
            state.message = StatusMessage(problem, isError: true)
            return []
        }
        for path in paths {
            guard let size = PaneImage.size(of: path, state), let problem = request.sizeProblem(width: size.width, height: size.height) else { continue }
            let name = Submission.names([path], limit: 1)
            state.message = StatusMessage("not sent: \(TerminalSafeTextBridge.text(name, limit: 60)): \(problem.description)", isError: true)
            return []
        }
        let submissions = submissions(paths, request, state)
        let price = SubmissionPrice(submissions, state)
        guard submissions.count > 1 || price.micros > state.confirmOverUSDMicros else {
            return Submission.send(submissions, leftOut: [], &state)
        }
        state.overlay = .confirm(.submit(submissions, leftOut: []))
        state.message = nil
        return []
    }

    /// One job per path, each with the quote known for its image (if any).
    static func submissions(_ paths: [String], _ request: V2Request, _ state: AppState) -> [JobSubmission] {
        let basedOn = state.files.marked.isEmpty ? state.parameters.loadedFrom?.id : nil
        return paths.map { path in
            let size = PaneImage.size(of: path, state)
            let key = QuoteKey(sourcePath: path, request: request, width: size?.width, height: size?.height)
            return JobSubmission(sourcePath: path, v2Request: request, quote: state.quotes.quote(key), basedOn: basedOn)
        }
    }
}
