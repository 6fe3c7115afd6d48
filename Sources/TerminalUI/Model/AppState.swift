import Foundation
import IdeogramKit

/// What the status bar says about the connection; given by the wiring at start.
public struct ConnectionInfo: Hashable, Sendable {
    /// E.g. `https://api.ideogram.ai/upscale`.
    public var endpoint: String
    /// `official` or `aggregator`.
    public var dialect: String
    public var isDemo: Bool
    /// At most the key's last four characters (the caller may pass `…abcd`, or `…` for a key
    /// too short to show any); the UI never holds more. Empty: a key too short to show any of
    /// it. Nil when there is no key (demo).
    public var redactedKey: String?

    public init(endpoint: String, dialect: String, isDemo: Bool = false, redactedKey: String? = nil) {
        self.endpoint = endpoint
        self.dialect = dialect
        self.isDemo = isDemo
        // Whatever came in, keep no more than four characters of it, and no ellipsis: the
        // status bar adds its own.
        self.redactedKey = redactedKey.map { String($0.filter { $0 != "…" }.suffix(4)) }
    }
}

/// The last line of news for the user.
public struct StatusMessage: Hashable, Sendable {
    public var text: String
    public var isError: Bool
    /// The message is about a parameter's value: it goes once the values are valid again.
    public var isAboutParameters: Bool
    public init(_ text: String, isError: Bool = false, isAboutParameters: Bool = false) {
        self.text = text
        self.isError = isError
        self.isAboutParameters = isAboutParameters
    }
}

/// Submissions held until the queue says which of them repeat earlier jobs.
public struct PendingSubmission: Hashable, Sendable {
    public var check: Int
    public var submissions: [JobSubmission]
}

/// The whole state of the UI: a value, changed only by `update`.
public struct AppState: Hashable, Sendable {
    public var size: Size
    public var focus: Pane = .files
    public var files: FilesState
    public var parameters = ParametersState()
    public var results = ResultsState()
    /// The image previews: what each slot asked for and shows.
    public var previews = PreviewsState()
    /// `z` in the larger and compare views: zoom and position shared by their pictures.
    public var loupe = LoupeState()
    public var overlay: Overlay?
    public var connection: ConnectionInfo
    public var message: StatusMessage?
    /// Set while the queue is paused: the status bar says why, and queued jobs wait.
    public var queuePause: QueuePause?
    public var theme: Theme
    public var mouseEnabled: Bool
    /// The user's home folder, where `~` goes.
    public var homeDirectory: FilePath
    /// The latest time seen (from ticks), for elapsed times.
    public var now: Date
    /// Counts ticks, for the spinner.
    public var tickCount = 0
    /// The first quit: nothing new is sent, and the requests already sent are seen through
    /// before the UI ends by itself. A second quit abandons them.
    public var isQuitting = false
    public var hasQuit = false
    /// A submission was handed to the queue this run: a quit must ask the queue what is on its
    /// way, since the rows may not show a job that was just sent yet.
    public var hasSubmitted = false
    /// A submission waiting for the queue to say which files repeat earlier jobs.
    public var pendingSubmission: PendingSubmission?
    /// Numbers the repeat checks, so a late answer to an older one is dropped.
    public var submissionChecks = 0
    /// The quotes asked this run and the one the parameters pane wants.
    public var quotes = QuoteBook()
    /// Today's spend and the cap, as the queue last said.
    public var spend: SpendStatus?
    /// `legacy_price_usd`: one legacy image's estimated price, for the pane, the rows and the question.
    public var legacyPriceUSDMicros: Int64 = 60_000
    /// A single job priced above this asks first, like a batch.
    public var confirmOverUSDMicros: Int64 = 1_000_000

    public init(startFolder: FilePath, homeDirectory: FilePath, connection: ConnectionInfo,
                size: Size = Size(columns: 80, rows: 24), noColor: Bool = false, mouseEnabled: Bool = true,
                now: Date, modelDefaults: [UpscaleModel: [UpscaleField: FieldValue]] = [:]) {
        self.files = FilesState(path: startFolder)
        self.parameters = ParametersState(modelDefaults: modelDefaults)
        self.homeDirectory = homeDirectory
        self.connection = connection
        self.size = size
        self.theme = Theme(noColor: noColor)
        self.mouseEnabled = mouseEnabled
        self.now = now
    }

    /// The effects to run once at start: list the first folder, read the newest history.
    public var initialEffects: [Effect] {
        [.listDirectory(files.path, request: files.listingRequest),
         .loadHistory(olderThan: nil, limit: HistoryPaging.firstPageSize)]
    }

    /// Ticks are needed only while something moves on screen: jobs held by a pause do not.
    /// A quote waiting for its pause needs them too, to know when the pause is over.
    public var needsTicks: Bool {
        quotes.isWaiting || results.queueJobs.contains { $0.state.isInFlight && !$0.isHeld && $0.capHold == nil && !isHeldByPause($0) }
    }

    /// A queued job cannot start while the queue is paused.
    public func isHeldByPause(_ job: JobRow) -> Bool { queuePause != nil && job.state == .queued }

    /// The results pane's larger single view is on screen (it shows only while the pane has
    /// the keyboard, so Tab away and back returns to it).
    public var showsEnlargedResult: Bool { focus == .results && results.isEnlarged && results.details == nil }

    /// The details view (Enter) is on screen; like the larger view, only while the results
    /// pane has the keyboard.
    public var showsDetails: Bool { focus == .results && results.details != nil }
    /// The results pane's own source and result, side by side under the list (room allowing).
    public var showsPanePictures: Bool {
        focus == .results && !results.isEnlarged && results.details == nil && results.compare == nil
            && Layout(size: size).resultsPreviewPicture(.result) != nil
    }

    /// The compare view (`c` with two marked jobs) is on screen; only while the results pane
    /// has the keyboard, like the larger view.
    public var showsCompare: Bool { focus == .results && results.compare != nil }

    /// Keys go into a text field (prompt editor, filter, help filter), so `q` and `?` type.
    public var isTyping: Bool {
        if case .help = overlay { return true }
        if case .modelChooser = overlay { return true }
        if overlay != nil { return false }
        switch focus {
        case .files: return files.isEditingFilter
        case .parameters: return parameters.focus == .prompt
        case .results: return false
        }
    }
}
