import Foundation
import IdeogramClient
import IdeogramKit

/// A v2 job submitted without a quote gets one before it is sent (`dry_run=true`, free): the
/// price is recorded on the job, and the spending cap needs it. The job stays queued meanwhile.
extension UpscaleQueue {
    /// A queued v2 job whose price is not known yet.
    func needsQuote(_ job: Job) -> Bool {
        job.generation != nil && job.generation?.quote == nil
    }

    /// Being quoted: queued, with work under way that is not a retry's wait.
    func isQuoting(_ id: JobID) -> Bool {
        work[id] != nil && jobs[id]?.state == .queued && jobs[id]?.retryWait == nil
    }

    func startQuoting(_ id: JobID) {
        work[id] = Task { await self.quote(id) }
    }

    private func quote(_ id: JobID) async {
        guard let job = jobs[id], let request = job.generation?.request else { return }
        let answer: Result<PriceQuote, UpscaleError>
        if let generations {
            let endpoint = job.endpoint
            do {
                let image = try await Self.loadImage(job.sourcePath, maxBytes: configuration.maxUploadBytes)
                answer = .success(try await generations.quote(image: image, request: request, endpoint: endpoint))
            } catch let error as ImageIntakeError {
                answer = .failure(.invalidImage(error))
            } catch let error as UpscaleError {
                answer = .failure(error)
            } catch {
                answer = .failure(.network(message: "\(error)"))
            }
        } else {
            answer = .failure(.invalidRequest(.invalid(field: "model", value: request.model.rawValue,
                                                       allowed: "a service that offers the v2 models")))
        }
        // Cancelled by `cancel`, `close` or `finishSentWork`: they have settled the job already.
        guard !Task.isCancelled else { return }
        work[id] = nil
        switch answer {
        case .success(let quote): record(quote, for: id)
        case .failure(let error): settleQuote(Self.quoteError(error), for: id)
        }
    }

    private func record(_ quote: PriceQuote, for id: JobID) {
        quoteFailures[id] = nil
        guard var job = jobs[id], job.state == .queued else { return pump() }
        job.generation?.quote = quote
        do { try history.saveQuote(job) } catch {
            pause(because: .historyUnavailable(message: error.description))
        }
        jobs[id] = job
        rescan()
        pump()
    }

    /// A refused quote fails the job (nothing was billed); a transient one is tried again like
    /// any retryable error; a refused key or credit pauses the queue with the job still queued.
    private func settleQuote(_ error: UpscaleError, for id: JobID) {
        guard var job = jobs[id], job.state == .queued else { return pump() }
        switch error {
        case .unauthorized:
            pause(because: .unauthorized(error))
        case .outOfCredit:
            pause(because: .outOfCredit(error))
        default:
            let failures = quoteFailures[id, default: 0] + 1
            quoteFailures[id] = failures
            if error.isRetryable && (isFinishingSent || isClosing) {
                break  // nothing was billed and nothing new may start: it waits for the next run
            } else if error.isRetryable && configuration.upscaleRetry.allowsAnotherAttempt(after: failures) {
                return scheduleRetry(job, after: error, failedAttempts: failures)
            } else {
                quoteFailures[id] = nil
                job.state = .failed(error)
                job.generation?.billedUSDMicros = 0
                job.updatedAt = Date()
                commit(job, from: .queued)
            }
        }
        rescan()
        pump()
    }

    /// A quote is free: an answer lost or unreadable bills nothing, so it is not "may have been billed".
    static func quoteError(_ error: UpscaleError) -> UpscaleError {
        switch error {
        case .outcomeUnknown(let message): .network(message: "the price quote's answer was lost: \(message)")
        case .undecodableAnswer(let message): .unexpectedStatus(status: 200, message: "the price quote could not be read: \(message)")
        case .cancelled: .network(message: "the price quote was cancelled")
        default: error
        }
    }
}
