import Foundation

/// How a job reads on its row, in the details and in the status bar. The queue's state says
/// most of it, but a done job whose images were withheld is not simply "done" (it was billed
/// and nothing can be shown), and a queued job waiting out a retry is not simply "queued".
extension JobRow {
    /// The job's answer came with at least one image withheld by the safety check.
    var hasWithheldImages: Bool { state == .done && withheldImages > 0 }

    /// The job waits out a retry delay (a pause shows "paused" instead: nothing counts down).
    func isRetrying(in appState: AppState) -> Bool { state == .queued && retry != nil && !appState.isHeldByPause(self) }

    /// One cell in front of the row.
    func mark(in appState: AppState) -> String {
        if hasWithheldImages { return "∅" }
        if isRetrying(in: appState) { return "↻" }
        return state.mark
    }

    /// The state in a word or three: "withheld", "1 of 8 withheld", "sending" (a v2 request
    /// on its way: the service has not accepted it yet), else the state's label.
    var word: String {
        if generation != nil && state == .waitingForAnswer { return "sending" }
        guard hasWithheldImages else { return state.label }
        return withheldImages == images.count ? "withheld" : "\(withheldImages) of \(images.count) withheld"
    }

    /// "retrying in 2 s (attempt 3, 503)", counting down with the ticks' time.
    func retryText(now: Date) -> String? {
        guard let retry else { return nil }
        return "retrying in \(retry.secondsLeft(at: now)) s (attempt \(retry.attempt), \(TerminalSafeTextBridge.text(retry.cause, limit: 12)))"
    }
}

extension Theme {
    /// The row's colour: a withheld result is a warning, not a success.
    func job(_ job: JobRow) -> CellStyle {
        job.hasWithheldImages ? warning : jobState(job.state)
    }
}
