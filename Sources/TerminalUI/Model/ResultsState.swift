/// The results pane: the queue's jobs, newest first, and which one is selected.
public struct ResultsState: Hashable, Sendable {
    public private(set) var jobs: [JobRow] = []
    public var selectedID: JobRowID?
    public var scrollTop = 0
    /// `v`: the selected job's result in a larger single view instead of the pane.
    public var isEnlarged = false
    /// Enter: the selected job's details, whole, over the right column; nil when closed.
    public var details: ResultDetails?

    public init() {}

    public var selectedIndex: Int? {
        guard let selectedID else { return nil }
        return jobs.firstIndex { $0.id == selectedID }
    }

    public var selectedJob: JobRow? { selectedIndex.map { jobs[$0] } }

    public mutating func replaceJobs(_ rows: [JobRow]) {
        let oldIndex = selectedIndex
        let known = Set(jobs.map(\.id))
        let hadJobs = !jobs.isEmpty
        jobs = rows.sorted { a, b in
            a.submittedAt != b.submittedAt ? a.submittedAt > b.submittedAt : a.id.rawValue > b.id.rawValue
        }
        // Jobs that were not there before were just submitted: the selection follows them
        // (to the newest), so they never appear off screen while an old one stays selected.
        if hadJobs, let newest = jobs.first(where: { !known.contains($0.id) }) {
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

    public mutating func select(index: Int) {
        guard !jobs.isEmpty else { return }
        selectedID = jobs[max(0, min(jobs.count - 1, index))].id
    }

    public var inFlightCount: Int { jobs.filter(\.state.isInFlight).count }
    public var billedImages: Int { jobs.reduce(0) { $0 + $1.billedImages } }

    public func count(_ state: JobRowState) -> Int { jobs.filter { $0.state == state }.count }
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
