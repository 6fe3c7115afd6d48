/// A question that must be answered before anything else happens.
public enum Confirmation: Hashable, Sendable {
    /// More than one image: what it will cost first.
    case submit([JobSubmission])
    /// Quit while jobs are in flight.
    case quit(inFlight: Int)
    /// Retry a failed or outcome-unknown job (it may be billed again).
    case retry(JobRowID, mayHaveBeenBilled: Bool)
    /// Send a job again as it was: billed again, so one stray key must not do it.
    case resubmit(JobRowID, source: String, images: Int)
}

/// What covers the panes, if anything.
public enum Overlay: Hashable, Sendable {
    /// The `?` help, filterable by typing.
    case help(filter: String, scroll: Int)
    case confirm(Confirmation)
}

/// Which pane has the keyboard.
public enum Pane: String, Hashable, Sendable, CaseIterable {
    case files, parameters, results

    var next: Pane {
        switch self {
        case .files: .parameters
        case .parameters: .results
        case .results: .files
        }
    }

    var previous: Pane {
        switch self {
        case .files: .results
        case .parameters: .files
        case .results: .parameters
        }
    }
}
