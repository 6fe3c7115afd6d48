import AppLoop
import Foundation
import IdeogramKit
import NIOConcurrencyHelpers
import TerminalUI
import UpscaleQueue

/// Lets the UI drive the job queue: its commands become queue calls, and every queue event
/// becomes a fresh `QueueView` (every job as a `JobRow`, and the pause if any).
public final class QueueJobControl: JobControl {
    private let queue: UpscaleQueue
    private let endpoint: Endpoint
    private let outputDirectory: String
    private let progress = NIOLockedValueBox<[String: Double]>([:])

    public init(queue: UpscaleQueue, endpoint: Endpoint, outputDirectory: String) {
        self.queue = queue
        self.endpoint = endpoint
        self.outputDirectory = outputDirectory
    }

    /// Queues every submission; one refused (a repeat, an image that turned out unreadable)
    /// does not stop the rest, and all refusals are reported together.
    public func submit(_ submissions: [JobSubmission]) async throws {
        var duplicates: [String] = []
        var refusals: [String] = []
        for submission in submissions {
            do {
                if let v2Request = submission.v2Request {
                    _ = try await queue.submit(imagePath: submission.sourcePath, request: v2Request, endpoint: endpoint,
                                               quote: submission.quote, outputDirectory: outputDirectory)
                } else {
                    _ = try await queue.submit(imagePath: submission.sourcePath, request: submission.request,
                                               endpoint: endpoint, outputDirectory: outputDirectory, force: false)
                }
            } catch .duplicate(let earlier) {
                duplicates.append((earlier.sourcePath as NSString).lastPathComponent)
            } catch {
                refusals.append(error.description)
            }
        }
        var notes = refusals.map { "not sent: \($0)" }
        if !duplicates.isEmpty {
            notes.append("already upscaled with this fixed seed, not sent again: \(duplicates.joined(separator: ", ")) — pick a new seed, or press r on that job to send it anyway")
        }
        if !notes.isEmpty { throw SubmissionNote(text: notes.joined(separator: "; ")) }
    }

    public func repeats(among submissions: [JobSubmission]) async -> Set<String> {
        guard let request = submissions.first?.request else { return [] }
        return Set(await queue.earlierJobs(repeatedBy: submissions.map(\.sourcePath), request: request).keys)
    }

    /// Pages by the history's sequence: the next page starts below the last job of this one.
    public func history(olderThan cursor: HistoryCursor?, limit: Int) async throws -> HistoryPage {
        let history = queue.history
        let jobs = try await Self.offPool { try history.recentJobs(limit: limit, olderThan: cursor?.sequence) }
        let next = jobs.count == limit ? jobs.last.map { HistoryCursor(sequence: $0.sequence) } : nil
        return HistoryPage(rows: jobs.map { JobRowMapping.row($0, uploadFraction: nil) }, next: next)
    }

    public func finishSentWork() async { await queue.finishSentWork() }

    public func cancel(_ id: JobRowID) async throws { try await queue.cancel(JobID(rawValue: id.rawValue)) }

    public func retry(_ id: JobRowID) async throws { try await queue.retry(JobID(rawValue: id.rawValue)) }

    /// `r` is the user asking for this exact job again: that is consent to pay for it again.
    public func resubmit(_ id: JobRowID) async throws {
        let jobID = JobID(rawValue: id.rawValue)
        // A job of an earlier run is read from the history (the queue adopts it on resubmit).
        var job = await queue.job(jobID)
        if job == nil {
            let history = queue.history
            job = try await Self.offPool { try history.job(jobID) }
        }
        guard let job else { throw SubmissionNote(text: "that job is gone") }
        _ = try await queue.resubmit(jobID, with: job.request, force: true)
    }

    /// A free quote (`dry_run`) through the queue's service, at this control's endpoint.
    public func quote(sourcePath: String, request: V2Request) async throws -> PriceQuote {
        try await queue.quote(imagePath: sourcePath, request: request, endpoint: endpoint)
    }

    public func pause() async { await queue.pause() }

    public func resume() async { await queue.resume() }

    public func updates() -> AsyncStream<QueueView> {
        // Only the newest view matters: a slow screen skips views instead of queueing them.
        let (stream, continuation) = AsyncStream<QueueView>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let task = Task { [queue] in
            let events = await queue.events()
            var spend = await self.spend()
            continuation.yield(await self.view(spend: spend))
            for await event in events {
                if case .uploadProgress(let id, let sent, let total) = event {
                    self.record(progress: total > 0 ? Double(sent) / Double(total) : nil, for: id)
                } else {
                    // Today's spend is read from the history: only when a job moved, never per upload slice.
                    spend = await self.spend()
                }
                continuation.yield(await self.view(spend: spend))
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// SQLite reads block: they run on a Dispatch queue, not on the cooperative pool.
    private static func offPool<T: Sendable>(_ read: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(with: Result { try read() }) }
        }
    }

    private func record(progress fraction: Double?, for id: JobID) {
        progress.withLockedValue { $0[id.rawValue] = fraction }
    }

    private func view(spend: SpendStatus) async -> QueueView {
        let (jobs, pause) = await queue.snapshotAndPause()
        let fractions = progress.withLockedValue { $0 }
        return QueueView(jobs: jobs.map { JobRowMapping.row($0, uploadFraction: fractions[$0.id.rawValue]) },
                         pause: pause.map(JobRowMapping.pause), spend: spend)
    }

    private func spend() async -> SpendStatus {
        let snapshot = await queue.spending()
        return SpendStatus(todayUSDMicros: snapshot.todayUSDMicros, estimatedUSDMicros: snapshot.legacyEstimateUSDMicros,
                           capUSDMicros: snapshot.capUSDMicros)
    }
}

/// A message for the status bar that is not a failure of the program.
struct SubmissionNote: Error, CustomStringConvertible {
    var text: String
    var description: String { text }
}
