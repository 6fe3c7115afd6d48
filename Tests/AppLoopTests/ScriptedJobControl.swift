import AppLoop
import Foundation
import IdeogramKit
import Synchronization
import TerminalUI

/// A job queue the test drives: submissions wait queued until the test sends, finishes them or
/// has the "service" refuse them, which pauses the queue as the real one does on a 402. It
/// holds a history of earlier jobs, read a page at a time, and files whose upscale would repeat.
final class ScriptedJobControl: JobControl {
    private struct Queue {
        var view = QueueView(jobs: [])
        var watchers: [AsyncStream<QueueView>.Continuation] = []
        var submitted: [JobSubmission] = []
        var cancelled: [JobRowID] = []
        /// Earlier jobs, newest first; a cursor is an index into it.
        var history: [JobRow] = []
        var historyRequests: [HistoryCursor?] = []
        var repeated: Set<String> = []
        var finishWaiters: [CheckedContinuation<Void, Never>] = []
        var finishRequested = false
        /// Every quote asked, in order.
        var quoted: [(path: String, request: V2Request)] = []
    }

    private let queue = Mutex(Queue())
    private let start: Date

    init(start: Date) {
        self.start = start
    }

    var submitted: [JobSubmission] { queue.withLock { $0.submitted } }
    var cancelled: [JobRowID] { queue.withLock { $0.cancelled } }
    var historyRequests: [HistoryCursor?] { queue.withLock { $0.historyRequests } }
    var finishRequested: Bool { queue.withLock { $0.finishRequested } }
    var quoted: [(path: String, request: V2Request)] { queue.withLock { $0.quoted } }

    /// Answers at once, with a price the test can tell apart per factor: $0.10 times it.
    func quote(sourcePath: String, request: V2Request) async throws -> PriceQuote {
        queue.withLock { $0.quoted.append((sourcePath, request)) }
        return PriceQuote(usdMicros: 100_000 * Int64(request.factor?.multiplier ?? 1), qualifier: .exact)
    }

    /// Set before the loop starts: what the history holds.
    func setHistory(_ rows: [JobRow]) { queue.withLock { $0.history = rows } }
    /// Files the queue would refuse as repeats of earlier jobs.
    func setRepeated(_ paths: Set<String>) { queue.withLock { $0.repeated = paths } }

    func repeats(among submissions: [JobSubmission]) async -> Set<String> {
        queue.withLock { $0.repeated }.intersection(submissions.map(\.sourcePath))
    }

    func history(olderThan cursor: HistoryCursor?, limit: Int) async throws -> HistoryPage {
        queue.withLock { queue in
            queue.historyRequests.append(cursor)
            let start = Int(cursor?.sequence ?? 0)
            let end = min(queue.history.count, start + limit)
            return HistoryPage(rows: Array(queue.history[start..<end]),
                               next: end < queue.history.count ? HistoryCursor(sequence: Int64(end)) : nil)
        }
    }

    /// Returns once no job is being sent or downloaded (the test answers them).
    func finishSentWork() async {
        await withCheckedContinuation { continuation in
            let idle = queue.withLock { queue in
                queue.finishRequested = true
                if Self.hasSentWork(queue.view) { queue.finishWaiters.append(continuation); return false }
                return true
            }
            if idle { continuation.resume() }
        }
    }

    /// What the queue's close does after the UI abandoned its sent work: a `finishSentWork`
    /// still waiting returns (else its task would outlive the test, holding the whole loop).
    func close() {
        let waiters = queue.withLock { queue in
            defer { queue.finishWaiters = [] }
            return queue.finishWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    private static func hasSentWork(_ view: QueueView) -> Bool {
        view.jobs.contains { $0.state.isInFlight && $0.state != .queued }
    }

    func submit(_ submissions: [JobSubmission]) async throws {
        change { queue in
            for submission in submissions {
                let number = queue.submitted.count + 1
                queue.submitted.append(submission)
                queue.view.jobs.append(JobRow(
                    id: JobRowID("job-\(number)"), sourceName: (submission.sourcePath as NSString).lastPathComponent,
                    sourcePath: submission.sourcePath, state: .queued, request: submission.request,
                    submittedAt: start.addingTimeInterval(Double(number))))
            }
        }
    }

    func cancel(_ id: JobRowID) async throws {
        queue.withLock { $0.cancelled.append(id) }
        setState(of: { $0.id == id }, to: .cancelled)
    }
    func retry(_ id: JobRowID) async throws { setState(of: { $0.id == id }, to: .queued) }
    func resubmit(_ id: JobRowID) async throws {}

    func pause() async { change { $0.view.pause = QueuePause(reason: "by you") } }

    /// The queue counts today's spend (and knows the cap).
    func setSpend(_ spend: SpendStatus?) { change { $0.view.spend = spend } }

    /// Like the queue: the pause lifts, and the held jobs are sent (here: they finish).
    func resume() async {
        change { $0.view.pause = nil }
        finishQueued()
    }

    func updates() -> AsyncStream<QueueView> {
        let (stream, continuation) = AsyncStream<QueueView>.makeStream(bufferingPolicy: .bufferingNewest(1))
        queue.withLock { queue in
            continuation.yield(queue.view)
            queue.watchers.append(continuation)
        }
        return stream
    }

    /// Every queued job is answered and saved.
    func finishQueued() {
        change { queue in
            for index in queue.view.jobs.indices where queue.view.jobs[index].state == .queued {
                queue.view.jobs[index].state = .done
                queue.view.jobs[index].retry = nil
                queue.view.jobs[index].startedAt = queue.view.jobs[index].submittedAt
                queue.view.jobs[index].finishedAt = queue.view.jobs[index].submittedAt.addingTimeInterval(2)
                queue.view.jobs[index].resultResolution = "128x64"
                queue.view.jobs[index].resultURL = "https://fake.invalid/result/\(index).png"
                queue.view.jobs[index].billedImages = 1
            }
        }
    }

    /// The queued jobs' requests go out: the service is thinking.
    func sendQueued() {
        setState(of: { $0.state == .queued }, to: .waitingForAnswer)
    }

    /// The service answers every request waiting, and the results are saved.
    func answerSent() {
        change { queue in
            for index in queue.view.jobs.indices where queue.view.jobs[index].state == .waitingForAnswer {
                queue.view.jobs[index].state = .done
                queue.view.jobs[index].localFile = "/saved/\(queue.view.jobs[index].sourceName)"
                queue.view.jobs[index].billedImages = queue.view.jobs[index].request.numImages
            }
        }
    }

    /// The service answers 503: every queued job waits `seconds` (real time: the loop's ticks
    /// read the clock) before its second attempt.
    func failWith503(retryingIn seconds: Double) {
        change { queue in
            for index in queue.view.jobs.indices where queue.view.jobs[index].state == .queued {
                queue.view.jobs[index].retry = RetryCountdown(attempt: 2, dueAt: Date().addingTimeInterval(seconds), cause: "503",
                                                              reason: "the service failed (503): busy")
            }
        }
    }

    /// The service answers 402: the queue pauses, and the job goes back to waiting.
    func refuseForCredit(reason: String) {
        change { $0.view.pause = QueuePause(reason: "out of credit (\(reason))") }
    }

    private func setState(of matching: (JobRow) -> Bool, to state: JobRowState) {
        change { queue in
            for index in queue.view.jobs.indices where matching(queue.view.jobs[index]) { queue.view.jobs[index].state = state }
        }
    }

    private func change(_ body: (inout Queue) -> Void) {
        let waiters = queue.withLock { queue -> [CheckedContinuation<Void, Never>] in
            body(&queue)
            for watcher in queue.watchers { watcher.yield(queue.view) }
            guard !Self.hasSentWork(queue.view) else { return [] }
            defer { queue.finishWaiters = [] }
            return queue.finishWaiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
