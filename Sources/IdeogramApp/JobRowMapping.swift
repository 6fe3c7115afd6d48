import Foundation
import IdeogramKit
import TerminalUI
import UpscaleQueue

/// The seam between the queue and the UI: a queue `Job` as the results pane shows it.
enum JobRowMapping {
    static func row(_ job: Job, uploadFraction: Double?) -> JobRow {
        let first = job.results.first
        let saved = job.results.lazy.compactMap { result -> String? in
            if case .saved(let file) = result.outcome { return file.path }
            return nil
        }.first
        var row = JobRow(
            id: JobRowID(job.id.rawValue),
            sourceName: (job.sourcePath as NSString).lastPathComponent,
            sourcePath: job.sourcePath,
            state: state(job.state),
            request: job.request,
            submittedAt: job.submittedAt,
            startedAt: job.sentAt,
            finishedAt: job.state.isFinished ? job.updatedAt : nil,
            resultResolution: first?.resolution,
            promptUsed: first?.prompt,
            seed: first?.seed ?? job.request.seed,
            resultURL: first?.url,
            localFile: saved,
            errorText: errorText(job),
            mayHaveBeenBilled: { if case .outcomeUnknown = job.state { true } else { false } }(),
            billedImages: job.answer?.images.count ?? 0,
            uploadFraction: job.state == .uploading ? uploadFraction : nil)
        row.isHeld = job.state == .queued && job.isHeld
        return row
    }

    /// Why the queue is paused, in the few words the status bar has room for; the service's
    /// own reason (402's reject_reason) when it gave one.
    static func pause(_ reason: PauseReason) -> QueuePause {
        switch reason {
        case .user:
            return QueuePause(reason: "by you")
        case .outOfCredit(.outOfCredit(let why?, _)):
            return QueuePause(reason: "out of credit (\(why))")
        case .outOfCredit:
            return QueuePause(reason: "out of credit (402)")
        case .unauthorized(.unauthorized(let status, let message)):
            return QueuePause(reason: "API key refused (\(status)): \(message)")
        case .unauthorized(let error):
            return QueuePause(reason: "API key refused: \(error)")
        case .historyUnavailable(let message):
            return QueuePause(reason: "the history cannot be written (\(message))")
        }
    }

    /// The UI's states mirror the queue's one for one, by case name; an accepted v2 generation
    /// shows as waiting for the service, which it is.
    static func state(_ state: JobState) -> JobRowState {
        if case .generating = state { return .waitingForAnswer }
        return JobRowState.allCases.first { "\($0)" == "\(state.name)" } ?? .queued
    }

    /// What went wrong, including results that were withheld, expired or failed to download.
    static func errorText(_ job: Job) -> String? {
        switch job.state {
        case .failed(let error): return error.description
        case .rejected(let message): return "rejected by the safety check: \(message)"
        case .outcomeUnknown(let message): return message
        default: break
        }
        if job.state == .queued && job.isHeld { return "queued by an earlier run and not sent: R sends it" }
        if let wait = job.retryWait { return "retrying in \(wait.delay): \(wait.reason.description)" }
        let problems = job.results.compactMap { result -> String? in
            switch result.outcome {
            case .pending, .saved: nil
            default: "image \(result.index + 1): \(result.outcome.description)"
            }
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }
}
