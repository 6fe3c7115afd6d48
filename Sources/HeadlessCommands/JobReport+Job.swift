import Foundation
import IdeogramKit
import UpscaleQueue

extension JobReport {
    /// A job as it stands; `source` as the user typed it when known. With the legacy per-image
    /// price, a legacy job's cost is estimated from it (labelled an estimate).
    public init(_ job: Job, source: String? = nil, legacyPriceUSDMicros: Int64? = nil) {
        let failure = Self.failure(of: job)
        self.init(jobID: job.id.rawValue, source: source ?? job.sourcePath, status: Status(job.state.name),
                  error: failure?.message, errorCategory: failure?.category, mayHaveBeenBilled: failure?.mayHaveBeenBilled ?? false,
                  request: job.request, endpoint: job.endpoint, attempts: job.attempts, submittedAt: job.submittedAt,
                  updatedAt: job.updatedAt, results: job.results.map(ResultReport.init), generation: job.generation?.request,
                  generationID: job.generation?.generationID, quoteUSDMicros: job.generation?.quote?.usdMicros,
                  billedUSDMicros: job.generation?.billedUSDMicros)
        if job.generation == nil, let price = legacyPriceUSDMicros {
            billedUSDMicros = Self.legacyEstimate(job, price: price)
            billedIsEstimate = billedUSDMicros != nil
        }
        if let hold = job.spendingHold {
            status = .heldByCap
            error = hold.description
            spendingHold = SpendingHoldReport(todayUSDMicros: hold.todayUSDMicros, jobUSDMicros: hold.jobUSDMicros,
                                              capUSDMicros: hold.capUSDMicros, jobIsEstimate: hold.jobIsEstimate)
        }
    }

    /// Billed images times the price once known: answered (withheld images are billed too), or
    /// ended without anything billed; null while sent and unanswered or lost.
    private static func legacyEstimate(_ job: Job, price: Int64) -> Int64? {
        guard let spend = job.spend(legacyPriceUSDMicros: price) else { return job.state.isFinished ? 0 : nil }
        return spend.unknownUSDMicros > 0 ? nil : spend.billedUSDMicros
    }

    /// A file not sent because `earlier` did the same request on the same bytes.
    public static func duplicate(source: String, earlier: Job) -> JobReport {
        var report = JobReport(earlier, source: source)
        report.duplicate = true
        return report
    }

    /// A file refused before it was queued.
    public static func refused(source: String, request: UpscaleRequest, generation: V2Request? = nil, endpoint: Endpoint,
                               error: UpscaleError) -> JobReport {
        JobReport(jobID: nil, source: source, status: .refused, error: error.description, errorCategory: ErrorCategory(error.category),
                  request: request, endpoint: endpoint, generation: generation)
    }

    /// Nothing to report as wrong: done with every image saved, withheld or left to download.
    public var succeeded: Bool {
        status == .done && !results.isEmpty && results.allSatisfy { $0.outcome != .expired && $0.outcome != .downloadFailed }
    }

    /// Still in the queue (or downloading) when the run ended.
    public var isUnfinished: Bool {
        [.queued, .uploading, .waiting, .downloading, .heldByCap].contains(status)
    }

    private static func failure(of job: Job) -> (message: String, category: ErrorCategory, mayHaveBeenBilled: Bool)? {
        switch job.state {
        case .done:
            job.results.isEmpty ? ("the service answered with no images", .server, false) : nil
        case .failed(.generationFailed(let reason)):
            (UpscaleError.generationFailed(reason: reason).description, .generationFailed, false)
        case .failed(let error):
            (error.description, ErrorCategory(error.category), error.mayHaveBeenBilled)
        case .rejected(let message):
            (UpscaleError.rejectedBySafety(message: message).description, .safety, false)
        case .outcomeUnknown(let message):
            ("outcome unknown: \(message); it is not sent again (see `ideogram-tui history`)", .outcomeUnknown, true)
        case .cancelled:
            ("cancelled before the request was sent; nothing was billed", .cancelled, false)
        case .queued, .uploading, .waitingForAnswer, .generating, .downloading:
            nil
        }
    }
}

extension JobReport.Status {
    init(_ state: JobStateName) {
        self = switch state {
        case .queued: .queued
        case .uploading: .uploading
        // An accepted v2 generation is, to a report, still waiting for the service.
        case .waitingForAnswer, .generating: .waiting
        case .downloading: .downloading
        case .done: .done
        case .failed: .failed
        case .rejected: .rejected
        case .cancelled: .cancelled
        case .outcomeUnknown: .outcomeUnknown
        }
    }
}

extension JobReport.ErrorCategory {
    init(_ category: UpscaleErrorCategory) {
        self = switch category {
        case .badInput: .badInput
        case .authorization: .authorization
        case .outOfCredit: .outOfCredit
        case .safety: .safety
        case .rateLimited: .rateLimited
        case .server: .server
        case .network: .network
        case .outcomeUnknown: .outcomeUnknown
        case .cancelled: .cancelled
        }
    }
}

extension ResultReport {
    init(_ result: JobResult) {
        self.init(index: result.index, seed: result.seed, resolution: result.resolution, prompt: result.prompt, url: result.url,
                  outcome: .notDownloaded)
        switch result.outcome {
        case .saved(let saved):
            outcome = .saved
            file = saved.path
            sidecar = saved.sidecarPath
            bytes = saved.bytes
        case .pending: outcome = .notDownloaded
        case .withheld: outcome = .withheld
        case .expired(let status):
            outcome = .expired
            error = "the result URL expired before it was downloaded (\(status)); the image is lost"
        case .downloadFailed(let message):
            outcome = .downloadFailed
            error = "download failed: \(message)"
        }
    }
}
