/// Everything a key can do. Each binding table maps keys to these; `update` performs them.
public enum Command: String, Hashable, Sendable, CaseIterable {
    // Anywhere
    case submit, quit, suspend, nextPane, previousPane, showHelp, toggleMouse, togglePause, chooseModel
    // Files
    case filesUp, filesDown, filesPageUp, filesPageDown, filesTop, filesBottom
    case enterFolder, parentFolder, homeFolder, toggleHidden, toggleNonImages, cycleSort
    case startFilter, toggleMark, clearFilterOrMarks
    // Filter being typed
    case filterAccept, filterCancel, filterDeleteBackward
    // Prompt editor
    case cursorLeft, cursorRight, wordLeft, wordRight, lineStart, lineEnd
    case deleteBackward, deleteForward, deleteWord, deleteToStart, deleteToEnd
    case editorUp, editorDown, leaveEditor
    // Parameter fields
    case previousField, nextField, decrease, increase, decreaseTen, increaseTen
    case fieldMinimum, fieldMaximum, typeDigit, eraseDigit, cycleChoice, editPrompt, setAuto
    // Results
    case resultsUp, resultsDown, resultsPageUp, resultsPageDown, resultsTop, resultsBottom
    case openResult, copyURL, loadIntoEditor, resubmit, cancelJob, retryJob, useSeed
    case toggleEnlarged, closeEnlarged, copyPath
    // Comparing two jobs
    case toggleJobMark, compareMarked, closeCompare
    // The loupe (larger and compare views)
    case loupeZoom, loupeRecentre, loupeLeft, loupeRight, loupeUp, loupeDown
    // Details view
    case showDetails, closeDetails, previousImage, nextImage
    case detailsScrollUp, detailsScrollDown, detailsPageUp, detailsPageDown
    // Help overlay
    case closeHelp, helpDeleteBackward, helpScrollUp, helpScrollDown, helpPageUp, helpPageDown
    // Model chooser overlay
    case chooserUp, chooserDown, chooserPick, chooserCancel, chooserDeleteBackward
    // Confirmation
    case confirm, dismiss
}
