/// The results pane: this run's jobs and the history's, newest first, and which is selected.
public struct ResultsState: Hashable, Sendable {
    /// Every job shown: the queue's, then the history's not also in the queue, newest first.
    public private(set) var jobs: [JobRow] = []
    /// The queue's jobs as it last reported them: the ones this run can still change.
    public private(set) var queueJobs: [JobRow] = []
    /// Jobs read from the history, page by page.
    private var historyJobs: [JobRowID: JobRow] = [:]
    /// The first page is asked for at start (see `AppState.initialEffects`).
    public var historyPaging = HistoryPaging.loading
    public var selectedID: JobRowID?
    public var scrollTop = 0
    /// `v`: the selected job's result in a larger single view instead of the pane.
    public var isEnlarged = false
    /// Enter: the selected job's details, whole, over the right column; nil when closed.
    public var details: ResultDetails?
    /// Space: jobs marked for comparing, oldest first; at most two.
    public private(set) var marks: [JobRowID] = []
    /// `c`: the two marked jobs side by side over the whole screen; nil when closed.
    public var compare: ComparePair?

    public init() {}

    public var selectedIndex: Int? {
        guard let selectedID else { return nil }
        return jobs.firstIndex { $0.id == selectedID }
    }

    public var selectedJob: JobRow? { selectedIndex.map { jobs[$0] } }

    /// The queue's jobs, all of them, each time any changes.
    public mutating func replaceJobs(_ rows: [JobRow]) {
        // Jobs the pane has never shown were just submitted in this run (a job an earlier run
        // left queued comes back held, and history pages never count): the selection follows
        // them, so they never appear off screen while an old one stays selected.
        let shown = Set(jobs.map(\.id))
        let submitted = shown.isEmpty ? [] : Set(rows.filter { !$0.isHeld && !shown.contains($0.id) }.map(\.id))
        queueJobs = rows
        merge(following: submitted)
    }

    /// A page of the history joins the list; the paging moves on.
    public mutating func addHistory(_ page: HistoryPage) {
        for row in page.rows { historyJobs[row.id] = row }
        historyPaging = page.next.map(HistoryPaging.more) ?? .complete
        merge(following: [])
    }

    /// One row per job, the queue's version winning (it is the newer), newest first; the
    /// selection moves to the newest of `submitted`, if any.
    private mutating func merge(following submitted: Set<JobRowID>) {
        let oldIndex = selectedIndex
        let inQueue = Set(queueJobs.map(\.id))
        jobs = (queueJobs + historyJobs.values.filter { !inQueue.contains($0.id) }).sorted { a, b in
            a.submittedAt != b.submittedAt ? a.submittedAt > b.submittedAt : a.id.rawValue > b.id.rawValue
        }
        if let newest = jobs.first(where: { submitted.contains($0.id) }) {
            selectedID = newest.id
            details = nil
        } else if selectedIndex == nil {
            // The selected job went away (or none was selected): stay at the same height.
            if jobs.isEmpty {
                selectedID = nil
            } else {
                selectedID = jobs[min(oldIndex ?? 0, jobs.count - 1)].id
            }
        }
    }

    /// Marks the job, or unmarks it if marked; a third mark replaces the oldest.
    public mutating func toggleMark(_ id: JobRowID) {
        if let index = marks.firstIndex(of: id) {
            marks.remove(at: index)
            return
        }
        marks.append(id)
        if marks.count > 2 { marks.removeFirst() }
    }

    /// The job with this id, if the pane lists it.
    public func job(_ id: JobRowID) -> JobRow? { jobs.first { $0.id == id } }

    public mutating func select(index: Int) {
        guard !jobs.isEmpty else { return }
        selectedID = jobs[max(0, min(jobs.count - 1, index))].id
    }

    /// Jobs this run's queue still works on (a history row of another live run is not ours).
    public var inFlightCount: Int { queueJobs.filter(\.state.isInFlight).count }
    /// Jobs whose request is on its way or answered and downloading: paid for, or about to be.
    public var sentCount: Int { queueJobs.filter { $0.state.isInFlight && $0.state != .queued }.count }
    public var billedImages: Int { queueJobs.reduce(0) { $0 + $1.billedImages } }

    /// This run's jobs in `state`, for the status bar's summary of the run.
    public func count(_ state: JobRowState) -> Int { queueJobs.filter { $0.state == state }.count }
}

/// The details view's place: which of the job's images, and how far it is scrolled.
public struct ResultDetails: Hashable, Sendable {
    /// Index into the job's images.
    public var image = 0
    /// The first line shown.
    public var scroll = 0

    public init(image: Int = 0, scroll: Int = 0) {
        self.image = image
        self.scroll = scroll
    }
}
