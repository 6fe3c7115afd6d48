/// A question that must be answered before anything else happens.
public enum Confirmation: Hashable, Sendable {
    /// More than one image: what it will cost first, naming the files; `leftOut` are the
    /// source paths dropped before asking because they repeat an earlier job.
    case submit([JobSubmission], leftOut: [String])
    /// Retry a failed or outcome-unknown job (it may be billed again), named by its file.
    case retry(JobRowID, source: String, mayHaveBeenBilled: Bool)
    /// Send a job an earlier run queued and left unsent: it is billed like a new one.
    case sendHeld(JobRowID, source: String, images: Int)
    /// Cancel a job whose request is being sent or already is: it may be billed anyway.
    case cancel(JobRowID, source: String, images: Int, state: JobRowState)
    /// Send a job again as it was: billed again, so one stray key must not do it.
    case resubmit(JobRowID, source: String, images: Int)
    /// Send a v2 job again as it was (a new generation, billed again), with its price.
    case resubmitGeneration(JobSubmission, source: String)
}

/// What covers the panes, if anything.
public enum Overlay: Hashable, Sendable {
    /// The `?` help, filterable by typing.
    case help(filter: String, scroll: Int)
    case confirm(Confirmation)
    /// `m`: the models to choose from, filtered by typing.
    case modelChooser(ModelChooser)
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
