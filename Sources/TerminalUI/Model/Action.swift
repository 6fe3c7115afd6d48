import Foundation

/// Everything that can happen to the app: input, time, and the results of effects.
public enum Action: Hashable, Sendable {
    case key(Key)
    /// Text pasted in one go (bracketed paste), inserted where the cursor is.
    case paste(String)
    case mouse(MouseEvent)
    case resize(Size)
    /// Time passes: spinners turn and elapsed times count. Sent only while jobs are in flight.
    case tick(Date)

    // Effect results.
    case directoryListed(DirectoryListing)
    case imageInspected(FilePath, ImageInspection)
    /// Sizes and times of entries of the listed folder (answers `.readFileDetails`).
    case fileDetailsRead(FileDetailsAnswer)
    /// The queue's jobs, all of them, each time any changes (see `JobRow`).
    case jobsChanged([JobRow])
    /// The queue paused (with why) or resumed (nil).
    case queuePauseChanged(QueuePause?)
    /// A preview made for `slot`'s request `key` (dropped unless the slot still wants it).
    case previewLoaded(PreviewSlot, PreviewRequestKey, PreviewOutcome)
    /// A line for the status bar from the outside (an effect failed, a file was saved...).
    case message(String, isError: Bool)
    /// Answers `.findRepeats`: the source paths of `check`'s submissions that the queue would
    /// refuse as repeats of earlier jobs (same image, same fixed seed), so they are not billed.
    case repeatsFound(check: Int, paths: Set<String>)
    /// Answers `.loadHistory`: a page of earlier jobs, newest first.
    case historyLoaded(HistoryPage)
    /// Answers `.finishSentWork`: every request already sent is answered and its results saved.
    case sentWorkFinished
    /// Answers `.requestQuote` for the same key.
    case quoteAnswered(QuoteKey, QuoteOutcome)
    /// Today's spend and the cap, from the queue (nil: not known).
    case spendChanged(SpendStatus?)
}

/// Work the core asks the outside to do. Results come back as `Action`s.
public enum Effect: Hashable, Sendable {
    /// List a folder (everything, hidden files included: the core filters) → `.directoryListed`
    /// carrying the same `request`.
    case listDirectory(FilePath, request: Int)
    /// Read image headers for pixel sizes → one `.imageInspected` per path.
    case inspectImages([FilePath])
    /// `stat` entries of the listed folder → `.fileDetailsRead` with the same ids.
    case readFileDetails(FileDetailsRequest)
    /// Make a preview of the key's file fitting its cell box → `.previewLoaded` for the same
    /// slot and key. A newer request for the slot supersedes this one (its result is dropped).
    case loadPreview(PreviewSlot, PreviewRequestKey)
    /// The slot wants nothing now: stop its load, if any.
    case cancelPreview(PreviewSlot)
    /// Queue these upscales.
    case submit([JobSubmission])
    /// Which of these submissions repeat an earlier job (and would not be sent) →
    /// `.repeatsFound` with the same `check`. Asked before the cost question.
    case findRepeats([JobSubmission], check: Int)
    /// Read a page of the history, newest first, older than `olderThan` (nil: the newest) →
    /// `.historyLoaded`.
    case loadHistory(olderThan: HistoryCursor?, limit: Int)
    /// The first quit: send nothing new, see the requests already sent through →
    /// `.sentWorkFinished`.
    case finishSentWork
    case cancelJob(JobRowID)
    /// Retry a failed or outcome-unknown job (the user confirmed).
    case retryJob(JobRowID)
    /// Submit the same job again, as it was.
    case resubmitJob(JobRowID)
    /// Send nothing new until resumed → `.queuePauseChanged` once the queue has paused.
    case pauseQueue
    /// Lift the pause and send the held jobs → `.queuePauseChanged(nil)`.
    case resumeQueue
    /// Open with `xdg-open` or `$BROWSER`, by argument vector, never through a shell.
    case open(OpenTarget)
    /// Copy through OSC 52.
    case copyToClipboard(String)
    case setMouse(Bool)
    /// Give the terminal back to the shell and stop (Ctrl-Z); `.resize` once continued.
    case suspend
    case quit
    /// Ask the service what this image with this request costs (free, nothing runs) →
    /// `.quoteAnswered` with the same key.
    case requestQuote(QuoteKey)
}
