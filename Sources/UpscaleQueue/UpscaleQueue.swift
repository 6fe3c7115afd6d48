import Foundation
import IdeogramKit

/// The job queue the UI and the headless command submit through. It owns concurrency,
/// retries, downloads and the history; every change is committed to the history before the
/// work it announces starts, then published as a `QueueEvent`.
public actor UpscaleQueue {
    public nonisolated let history: History
    /// What this queue found and adopted from earlier runs when it opened.
    public nonisolated let recovery: RecoveryReport
    public nonisolated let configuration: QueueConfiguration
    let service: any UpscaleService
    /// The v2 calls: `service` itself when it offers them (`UpscaleClient`, `EndpointRouter` do).
    let generations: (any GenerationService)?
    let fetcher: any ResultFetching
    let sleeper: any Sleeper
    /// This queue's session id, written as the owner of the jobs it works on.
    let session: String
    var sessionLock: SessionLock?

    var jobs: [JobID: Job] = [:]
    /// Job ids by sequence: FIFO order for sending, and the snapshot's order.
    var order: [JobID] = []
    /// No job before this position in `order` can start until `rescan()`: keeps `pump` from
    /// walking the whole history of a long batch on every event.
    var scanFrom = 0
    /// The task working on each job: sending and downloading, or waiting out a retry delay.
    var work: [JobID: Task<Void, Never>] = [:]
    /// Jobs waiting out a 429: while any does, no new work starts.
    var holdingQueue: Set<JobID> = []
    var cancelRequested: Set<JobID> = []
    public internal(set) var pauseReason: PauseReason?
    var hub = EventHub()
    var idleWaiters: [CheckedContinuation<Void, Never>] = []
    var isClosing = false
    /// Set by `finishSentWork`: nothing new starts; what was sent is seen through.
    var isFinishingSent = false
    /// Accepted generations being polled, each by its own task (see `UpscaleQueue+Polling`).
    var polls: [JobID: Task<Void, Never>] = [:]
    /// A 429 on a poll: every poll waits for this to end.
    var pollHold: Task<Void, Never>?
    /// Images the service allows in progress, learnt from a 429 `inflight_limit`: kept for the run.
    var learntImageLimit: Int?
    /// The daily spending cap in force (`configuration`'s until `setSpendingCap`).
    var spendingCap: Int64?
    /// Failed quote attempts per job, for the retry policy (a quote is not a send).
    var quoteFailures: [JobID: Int] = [:]
    /// Today's spending as last read, for `spending()` when the history cannot be read.
    var lastSpending: SpendingSnapshot?

    /// Opens a queue on `history`: takes over the unfinished jobs of runs that are no longer
    /// alive (see `RecoveryReport`) and resumes their downloads at once.
    public static func open(
        history: History,
        service: any UpscaleService,
        fetcher: any ResultFetching,
        configuration: QueueConfiguration = QueueConfiguration(),
        sleeper: any Sleeper = TaskSleeper()
    ) async throws(HistoryError) -> UpscaleQueue {
        let session = JobID.make().rawValue
        let lock = try SessionLock.acquire(session: session, in: history.sessionsDirectory)
        let (adopted, report) = try history.adoptAbandonedJobs(session: session)
        let queue = UpscaleQueue(history: history, service: service, fetcher: fetcher, configuration: configuration,
                                 sleeper: sleeper, session: session, lock: lock, adopted: adopted, report: report)
        await queue.startRecoveredDownloads()
        await queue.startRecoveredPolls()
        return queue
    }

    private init(history: History, service: any UpscaleService, fetcher: any ResultFetching, configuration: QueueConfiguration,
                 sleeper: any Sleeper, session: String, lock: SessionLock, adopted: [Job], report: RecoveryReport) {
        self.history = history
        self.service = service
        generations = service as? any GenerationService
        self.fetcher = fetcher
        self.configuration = configuration
        self.sleeper = sleeper
        self.session = session
        self.sessionLock = lock
        self.recovery = report
        spendingCap = configuration.maxSpendUSDMicrosPerDay
        for var job in adopted {
            job.isHeld = job.state == .queued
            jobs[job.id] = job
            order.append(job.id)
        }
    }

    // MARK: Observing

    /// A new stream of every event from now on; each caller gets its own.
    public func events() -> AsyncStream<QueueEvent> {
        // A closed queue has nothing more to say: the stream ends at once.
        guard !isClosing else { return AsyncStream { $0.finish() } }
        return hub.subscribe { [weak self] id in
            Task { await self?.unsubscribe(id) }
        }
    }

    private func unsubscribe(_ id: Int) {
        hub.unsubscribe(id)
    }

    /// Every job this queue knows, in submission order.
    public func snapshot() -> [Job] {
        order.compactMap { jobs[$0] }
    }

    /// The jobs and the pause read together: two separate reads could straddle a change (a job
    /// put back in the queue by the 402 that paused it).
    public func snapshotAndPause() -> (jobs: [Job], pause: PauseReason?) {
        (snapshot(), pauseReason)
    }

    public func job(_ id: JobID) -> Job? {
        jobs[id]
    }

    // MARK: Pausing

    public func pause() {
        pause(because: .user)
    }

    /// Lifts any pause (the user's, or one caused by 401/403/402) and starts queued work.
    public func resume() {
        guard pauseReason != nil else { return }
        pauseReason = nil
        hub.send(.resumed)
        pump()
    }

    /// Lets the queued jobs found when the queue opened be sent (the headless `--resume`).
    public func resumeRecovered() {
        let held = order.filter { jobs[$0]?.isHeld == true }
        guard !held.isEmpty else { return }
        for id in held { jobs[id]?.isHeld = false }
        rescan()
        hub.send(.recoveredReleased(held))
        pump()
    }

    func pause(because reason: PauseReason) {
        guard pauseReason != reason else { return }
        pauseReason = reason
        hub.send(.paused(reason))
    }

    // MARK: Ending

    /// Returns once nothing is being sent, generated, downloaded or waited for, and nothing
    /// queued can start (all done, or the queue is paused).
    public func waitUntilIdle() async {
        guard !isIdle else { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    /// Stops: requests in flight are cancelled (and recorded as cancelled or outcome unknown),
    /// downloads are interrupted but stay due for the next run, queued jobs stay queued.
    public func close() async {
        guard !isClosing else { return }
        isClosing = true
        for (id, task) in work {
            if jobs[id]?.state.isSending == true { cancelRequested.insert(id) }
            task.cancel()
        }
        // Accepted generations stay `generating` in the history: the next run polls them.
        await stopPolling()
        for task in Array(work.values) { await task.value }
        work.removeAll()
        holdingQueue.removeAll()
        sessionLock?.release()
        sessionLock = nil
        hub.finishAll()
        resumeIdleWaiters()
    }
}
