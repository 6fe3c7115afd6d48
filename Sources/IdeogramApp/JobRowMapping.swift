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
            mayHaveBeenBilled: job.state.mayHaveBeenBilled,
            billedImages: job.answer?.images.count ?? 0,
            uploadFraction: job.state == .uploading ? uploadFraction : nil,
            images: job.results.map(image),
            retry: job.retryWait.map(countdown))
        row.isHeld = job.state == .queued && job.isHeld
        row.capHold = job.state == .queued ? job.spendingHold?.description : nil
        row.generation = job.generation.map {
            JobRowGeneration(request: $0.request, generationID: $0.generationID, quote: $0.quote, billedUSDMicros: $0.billedUSDMicros,
                             failureReason: failureReason(job.state))
        }
        return row
    }

    /// The service's own word for a failed generation (`content_policy_violation`).
    static func failureReason(_ state: JobState) -> String? {
        guard case .failed(.generationFailed(let reason)) = state else { return nil }
        return reason
    }

    /// One image of the answer and its fate here.
    static func image(_ result: JobResult) -> JobImage {
        var file: String?
        let outcome: JobImage.Outcome
        switch result.outcome {
        case .pending: outcome = .pending
        case .saved(let saved): outcome = .saved; file = saved.path
        case .withheld: outcome = .withheld
        case .expired, .downloadFailed: outcome = .lost(result.outcome.description)
        }
        return JobImage(resolution: result.resolution, seed: result.seed, prompt: result.prompt, url: result.url,
                        localFile: file, outcome: outcome)
    }

    /// The retry wait as the row counts it down: the attempt, when, and the status or word
    /// that caused it.
    static func countdown(_ wait: RetryWait) -> RetryCountdown {
        let cause = switch wait.reason {
        case .rateLimited: "429"
        case .serverError(let status, _), .unexpectedStatus(let status, _): String(status)
        case .timeout: "timeout"
        case .network: "network"
        default: wait.reason.category.rawValue
        }
        return RetryCountdown(attempt: wait.nextAttempt, dueAt: wait.dueAt, cause: cause, reason: wait.reason.description)
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

    /// The UI's states mirror the queue's one for one.
    static func state(_ state: JobState) -> JobRowState {
        switch state {
        case .queued: .queued
        case .uploading: .uploading
        case .waitingForAnswer: .waitingForAnswer
        case .generating: .generating
        case .downloading: .downloading
        case .done: .done
        case .failed: .failed
        case .rejected: .rejected
        case .cancelled: .cancelled
        case .outcomeUnknown: .outcomeUnknown
        }
    }

    /// What went wrong, including results that were withheld, expired or failed to download.
    /// A retry wait is not here: the row counts it down from `JobRow.retry`.
    static func errorText(_ job: Job) -> String? {
        switch job.state {
        case .failed(let error): return error.description
        case .rejected(let message): return "rejected by the safety check: \(message)"
        case .outcomeUnknown(let message): return message
        default: break
        }
        if job.state == .queued && job.isHeld { return "queued by an earlier run and not sent: R sends it" }
        let problems = job.results.compactMap { result -> String? in
            switch result.outcome {
            case .pending, .saved: nil
            default: "image \(result.index + 1): \(result.outcome.description)"
            }
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }
}
