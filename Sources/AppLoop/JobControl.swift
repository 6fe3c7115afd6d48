import IdeogramKit
import TerminalUI

/// What the app needs from the job queue. The wiring layer implements it over UpscaleQueue.
public protocol JobControl: Sendable {
    /// Queue these upscales. Throw to show the error in the status bar.
    func submit(_ submissions: [JobSubmission]) async throws
    func cancel(_ id: JobRowID) async throws
    func retry(_ id: JobRowID) async throws
    func resubmit(_ id: JobRowID) async throws
    /// Sends nothing new until `resume`; jobs in flight finish.
    func pause() async
    /// Lifts any pause (the user's, or one the service caused) and sends the held jobs.
    func resume() async
    /// Of these submissions (all with one request), the source paths the queue would refuse
    /// as repeats of earlier jobs: asked before the cost question, which leaves them out.
    func repeats(among submissions: [JobSubmission]) async -> Set<String>
    /// A page of the history, newest first, older than `cursor` (nil: the newest jobs).
    func history(olderThan cursor: HistoryCursor?, limit: Int) async throws -> HistoryPage
    /// The first quit: sends nothing new, returns once every request already sent is answered
    /// and its results saved. Queued jobs stay queued for a later run.
    func finishSentWork() async
    /// The queue as the UI shows it, once now and again after each queue event.
    func updates() -> AsyncStream<QueueView>
    /// What sending this image with this v2 request would cost (`dry_run`: free, nothing
    /// runs). Throw to show why there is no price.
    func quote(sourcePath: String, request: V2Request) async throws -> PriceQuote
}

/// Every job as a `JobRow`, and why the queue is paused, if it is.
public struct QueueView: Hashable, Sendable {
    public var jobs: [JobRow]
    public var pause: QueuePause?
    /// Today's spend and the cap, when the queue counts them.
    public var spend: SpendStatus?

    public init(jobs: [JobRow], pause: QueuePause? = nil, spend: SpendStatus? = nil) {
        self.jobs = jobs
        self.pause = pause
        self.spend = spend
    }

    /// The actions that bring the UI up to date with this view.
    var actions: [Action] { [.jobsChanged(jobs), .queuePauseChanged(pause), .spendChanged(spend)] }
}
