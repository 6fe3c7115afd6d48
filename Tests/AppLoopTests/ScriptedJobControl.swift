import AppLoop
import Foundation
import IdeogramKit
import Synchronization
import TerminalUI

/// A job queue the test drives: submissions wait queued until the test finishes them or has
/// the "service" refuse them, which pauses the queue as the real one does on a 402.
final class ScriptedJobControl: JobControl {
    private struct Queue {
        var view = QueueView(jobs: [])
        var watchers: [AsyncStream<QueueView>.Continuation] = []
        var submitted: [JobSubmission] = []
    }

    private let queue = Mutex(Queue())
    private let start: Date

    init(start: Date) {
        self.start = start
    }

    var submitted: [JobSubmission] { queue.withLock { $0.submitted } }

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

    func cancel(_ id: JobRowID) async throws { setState(of: { $0.id == id }, to: .cancelled) }
    func retry(_ id: JobRowID) async throws { setState(of: { $0.id == id }, to: .queued) }
    func resubmit(_ id: JobRowID) async throws {}

    func pause() async { change { $0.view.pause = QueuePause(reason: "by you") } }

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
        queue.withLock { queue in
            body(&queue)
            for watcher in queue.watchers { watcher.yield(queue.view) }
        }
    }
}
