/// The single source of truth for keys: `update` looks keys up here, and the footer and the
/// `?` help are generated from the same tables, so they cannot drift apart.
public enum BindingTables {
    public static func table(_ context: BindingContext) -> [KeyBinding] {
        switch context {
        case .anywhere: anywhere
        case .outsideText: outsideText
        case .files: files
        case .filter: filter
        case .prompt: prompt
        case .parameters: parameters
        case .results: results
        case .details: details
        case .help: help
        case .confirm: confirm
        case .modelChooser: modelChooser
        case .compare: compare
        case .loupe: loupe
        case .loupePan: loupePan
        }
    }

    /// The first binding in `contexts` (in order) that has this key.
    public static func lookup(_ key: Key, in contexts: [BindingContext]) -> KeyBinding? {
        for context in contexts {
            if let found = table(context).first(where: { $0.keys.contains(key) }) { return found }
        }
        return nil
    }

    static let digits: [Key] = (0...9).map { .char(Character(String($0))) }

    static let anywhere: [KeyBinding] = [
        KeyBinding([.ctrl("s")], .submit, "Submit the marked images (or the selected one) with the current parameters", hint: "submit"),
        KeyBinding([.tab], .nextPane, "Next pane", hint: "pane"),
        KeyBinding([.backTab], .previousPane, "Previous pane"),
        KeyBinding([.ctrl("c")], .quit, "Quit: waits for requests already sent (paid for); again: abandons them"),
        KeyBinding([.ctrl("z")], .suspend, "Suspend to the shell; jobs keep their place (fg brings the UI back)"),
    ]

    static let outsideText: [KeyBinding] = [
        KeyBinding([.char("?")], .showHelp, "Show this help; type to filter it", hint: "help"),
        KeyBinding([.char("q")], .quit, "Quit: waits for requests already sent (paid for); again: abandons them", hint: "quit"),
        KeyBinding([.char("p")], .togglePause, "Pause or resume the queue (resume after fixing the key or adding credit)", hint: "pause"),
        KeyBinding([.char("M")], .toggleMouse, "Switch the mouse on or off"),
        KeyBinding([.char("m")], .chooseModel, "Choose the upscaler model (type to filter)"),
    ]

    static let files: [KeyBinding] = [
        KeyBinding([.up, .char("k")], .filesUp, "Move up"),
        KeyBinding([.down, .char("j")], .filesDown, "Move down"),
        KeyBinding([.pageUp], .filesPageUp, "Page up"),
        KeyBinding([.pageDown], .filesPageDown, "Page down"),
        KeyBinding([.home, .char("g")], .filesTop, "First entry"),
        KeyBinding([.end, .char("G")], .filesBottom, "Last entry"),
        KeyBinding([.enter, .char("l"), .right], .enterFolder, "Enter the selected folder", hint: "open"),
        KeyBinding([.backspace, .char("h"), .left], .parentFolder, "Go up to the parent folder", hint: "up"),
        KeyBinding([.char("~")], .homeFolder, "Go to the home folder"),
        KeyBinding([.char(".")], .toggleHidden, "Show or hide hidden files"),
        KeyBinding([.char("i")], .toggleNonImages, "Show or hide files that are not images"),
        KeyBinding([.char("O")], .cycleSort, "Sort by name, modified time, size", hint: "sort"),
        KeyBinding([.char("/")], .startFilter, "Filter by name as you type", hint: "filter"),
        KeyBinding([.char(" ")], .toggleMark, "Mark or unmark the selected image", hint: "mark"),
        KeyBinding([.escape], .clearFilterOrMarks, "Clear the filter, then the marks"),
    ]

    static let filter: [KeyBinding] = [
        KeyBinding([.enter, .down], .filterAccept, "Keep the filter and go back to the list", hint: "keep"),
        KeyBinding([.escape], .filterCancel, "Clear the filter", hint: "clear"),
        KeyBinding([.backspace], .filterDeleteBackward, "Delete the last character"),
    ]

    static let prompt: [KeyBinding] = [
        KeyBinding([.left], .cursorLeft, "Cursor left"),
        KeyBinding([.right], .cursorRight, "Cursor right"),
        KeyBinding([.ctrlLeft, .alt("b"), .shiftLeft], .wordLeft, "Previous word"),
        KeyBinding([.ctrlRight, .alt("f"), .shiftRight], .wordRight, "Next word"),
        KeyBinding([.home, .ctrl("a")], .lineStart, "Start of the prompt"),
        KeyBinding([.end, .ctrl("e")], .lineEnd, "End of the prompt"),
        KeyBinding([.backspace], .deleteBackward, "Delete before the cursor"),
        KeyBinding([.delete], .deleteForward, "Delete under the cursor"),
        KeyBinding([.ctrl("w")], .deleteWord, "Delete the word before the cursor", hint: "del word"),
        KeyBinding([.ctrl("u")], .deleteToStart, "Delete to the start", hint: "del line"),
        KeyBinding([.ctrl("k")], .deleteToEnd, "Delete to the end"),
        KeyBinding([.up], .editorUp, "Row up"),
        KeyBinding([.down], .editorDown, "Row down (below the last row: the sliders)"),
        KeyBinding([.enter, .escape], .leaveEditor, "Leave the editor for the sliders", hint: "done"),
    ]

    static let parameters: [KeyBinding] = [
        KeyBinding([.up, .char("k")], .previousField, "Previous field"),
        KeyBinding([.down, .char("j"), .enter], .nextField, "Next field"),
        KeyBinding([.char("a")], .setAuto, "v2 models: set the field back to auto (the model chooses)", hint: "auto"),
        KeyBinding([.left, .char("h")], .decrease, "Decrease by 1, 0.01 on 0-1 sliders (choices: previous)", hint: "-1"),
        KeyBinding([.right, .char("l")], .increase, "Increase by 1, 0.01 on 0-1 sliders (choices: next)", hint: "+1"),
        KeyBinding([.shiftLeft, .pageDown], .decreaseTen, "Decrease by 10, 0.1 on 0-1 sliders", hint: "-10"),
        KeyBinding([.shiftRight, .pageUp], .increaseTen, "Increase by 10, 0.1 on 0-1 sliders", hint: "+10"),
        KeyBinding([.home], .fieldMinimum, "Smallest value"),
        KeyBinding([.end], .fieldMaximum, "Largest value"),
        KeyBinding(digits + [.char(".")], .typeDigit, "Type a value (0-1 sliders: 0.35 or .35)", hint: "type", keysLabel: "0-9 ."),
        KeyBinding([.backspace], .eraseDigit, "Erase the last digit typed"),
        KeyBinding([.char(" ")], .cycleChoice, "Magic prompt: AUTO, ON, OFF; seed: random or fixed; v2 choices and toggles: next", hint: "toggle"),
        KeyBinding([.char("e"), .escape], .editPrompt, "Edit the prompt"),
    ]

    static let results: [KeyBinding] = [
        KeyBinding([.up, .char("k")], .resultsUp, "Move up"),
        KeyBinding([.down, .char("j")], .resultsDown, "Move down"),
        KeyBinding([.pageUp], .resultsPageUp, "Page up"),
        KeyBinding([.pageDown], .resultsPageDown, "Page down"),
        KeyBinding([.home, .char("g")], .resultsTop, "Newest job"),
        KeyBinding([.end, .char("G")], .resultsBottom, "Oldest job"),
        KeyBinding([.enter], .showDetails, "The job's details: the whole prompt, every image, path and URL", hint: "details"),
        KeyBinding([.char("v")], .toggleEnlarged, "Larger view of the result (again: back to the list)", hint: "larger view"),
        KeyBinding([.escape], .closeEnlarged, "Back from the larger view"),
        KeyBinding([.char("o")], .openResult, "Open the result URL (or the saved file)", hint: "open"),
        KeyBinding([.char("y")], .copyURL, "Copy the result URL (OSC 52)", hint: "copy"),
        KeyBinding([.char("Y")], .copyPath, "Copy the saved result's path (OSC 52)"),
        KeyBinding([.char("e")], .loadIntoEditor, "Load the job's source and parameters into the editor", hint: "edit"),
        KeyBinding([.char("r")], .resubmit, "Resubmit the job as it was (asks first: billed again)", hint: "resubmit"),
        KeyBinding([.char("x")], .cancelJob, "Cancel the job (asks first once its request is sent)", hint: "cancel"),
        KeyBinding([.char("R")], .retryJob, "Retry a failed or unknown job, or send one an earlier run left queued (asks first)", hint: "retry"),
        KeyBinding([.char("u")], .useSeed, "Use this result's seed as the fixed seed"),
        KeyBinding([.char(" ")], .toggleJobMark, "Mark or unmark the job for comparing (a third mark replaces the oldest)", hint: "mark"),
        KeyBinding([.char("c")], .compareMarked, "Compare the two marked jobs side by side", hint: "compare"),
    ]

    static let compare: [KeyBinding] = [
        KeyBinding([.escape, .char("c")], .closeCompare, "Back to where you were", hint: "back"),
    ]

    static let loupe: [KeyBinding] = [
        KeyBinding([.char("z")], .loupeZoom, "Zoom: fit, 1:1 result pixels, 2:1 (source and results show the same place)", hint: "zoom"),
    ]

    /// Ahead of the view's own keys while zoomed: arrows pan instead of moving the job list.
    static let loupePan: [KeyBinding] = [
        KeyBinding([.left, .char("h")], .loupeLeft, "Pan left", hint: "pan"),
        KeyBinding([.right, .char("l")], .loupeRight, "Pan right"),
        KeyBinding([.up, .char("k")], .loupeUp, "Pan up"),
        KeyBinding([.down, .char("j")], .loupeDown, "Pan down"),
        KeyBinding([.char("0")], .loupeRecentre, "Back to the middle", hint: "centre"),
    ]

    static let details: [KeyBinding] = [
        KeyBinding([.left, .char("h")], .previousImage, "Previous image of the job", hint: "image"),
        KeyBinding([.right, .char("l")], .nextImage, "Next image of the job", hint: "image"),
        KeyBinding([.up, .char("k")], .detailsScrollUp, "Scroll up"),
        KeyBinding([.down, .char("j")], .detailsScrollDown, "Scroll down"),
        KeyBinding([.pageUp], .detailsPageUp, "Page up"),
        KeyBinding([.pageDown], .detailsPageDown, "Page down"),
        KeyBinding([.escape, .enter], .closeDetails, "Back to the list", hint: "back"),
        KeyBinding([.char("o")], .openResult, "Open this image's URL (or its saved file)", hint: "open"),
        KeyBinding([.char("y")], .copyURL, "Copy this image's URL (OSC 52)", hint: "copy"),
        KeyBinding([.char("c")], .copyPath, "Copy this image's saved path (OSC 52)", hint: "copy path"),
    ]

    static let help: [KeyBinding] = [
        KeyBinding([.escape, .char("?")], .closeHelp, "Close the help", hint: "close"),
        KeyBinding([.backspace], .helpDeleteBackward, "Delete the last filter character"),
        KeyBinding([.up], .helpScrollUp, "Scroll up"),
        KeyBinding([.down], .helpScrollDown, "Scroll down"),
        KeyBinding([.pageUp], .helpPageUp, "Page up"),
        KeyBinding([.pageDown], .helpPageDown, "Page down"),
    ]

    static let modelChooser: [KeyBinding] = [
        KeyBinding([.up, .ctrl("p")], .chooserUp, "Previous model"),
        KeyBinding([.down, .ctrl("n")], .chooserDown, "Next model"),
        KeyBinding([.enter], .chooserPick, "Use the highlighted model", hint: "pick"),
        KeyBinding([.escape], .chooserCancel, "Keep the model as it was", hint: "back"),
        KeyBinding([.backspace], .chooserDeleteBackward, "Delete the last filter character"),
    ]

    static let confirm: [KeyBinding] = [
        KeyBinding([.char("y"), .enter], .confirm, "Yes, go ahead", hint: "yes"),
        KeyBinding([.char("n"), .escape], .dismiss, "No, back out", hint: "no"),
    ]
}
