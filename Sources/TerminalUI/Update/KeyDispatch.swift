/// Turns a key into a command through the binding tables of the active contexts, and text
/// keys into typing where a text field has the keyboard.
enum KeyDispatch {
    /// The tables that apply now, most specific last so pane keys cannot shadow Ctrl-S.
    static func contexts(for state: AppState) -> [BindingContext] {
        switch state.overlay {
        case .confirm: return [.confirm]
        case .help: return [.help, .anywhere]
        case .modelChooser: return [.modelChooser]
        case nil: break
        }
        switch state.focus {
        case .files: return state.files.isEditingFilter ? [.anywhere, .filter] : [.anywhere, .outsideText, .files]
        case .parameters: return state.parameters.focus == .prompt ? [.anywhere, .prompt] : [.anywhere, .outsideText, .parameters]
        case .results:
            // The loupe's keys come before the view's: zoomed, arrows pan instead of moving the list.
            let loupe: [BindingContext] = state.showsCompare || state.showsEnlargedResult || state.showsPanePictures
                ? (state.loupe.isZoomed ? [.loupePan, .loupe] : [.loupe]) : []
            if state.results.compare != nil { return [.anywhere, .outsideText] + loupe + [.compare] }
            return [.anywhere, .outsideText] + loupe + [state.results.details == nil ? .results : .details]
        }
    }

    static func handle(_ key: Key, _ state: inout AppState) -> [Effect] {
        if let binding = BindingTables.lookup(key, in: contexts(for: state)) {
            return Commands.perform(binding.command, key: key, &state)
        }
        if let text = key.insertedText { return type(text, &state) }
        return []
    }

    /// Text typed goes to whichever text field has the keyboard, if any.
    static func type(_ text: String, _ state: inout AppState) -> [Effect] {
        if case .help(let filter, _) = state.overlay {
            state.overlay = .help(filter: filter + TerminalSafeTextBridge.text(text, limit: 80), scroll: 0)
            return []
        }
        if case .modelChooser(var chooser) = state.overlay {
            chooser.setFilter(chooser.filter + TerminalSafeTextBridge.text(text, limit: 40))
            state.overlay = .modelChooser(chooser)
            return []
        }
        guard state.overlay == nil else { return [] }
        switch state.focus {
        case .files where state.files.isEditingFilter:
            // Line breaks become spaces (the sanitizer's rule): a filter is one line.
            state.files.setFilter(state.files.filter + TerminalSafeTextBridge.text(text, limit: 200))
            FilesUpdate.keepCursorVisible(&state)
            return FilesUpdate.requestInspections(&state)
        case .parameters where state.parameters.focus == .prompt:
            // The editor turns line breaks into spaces: a prompt is one paragraph, sent as one
            // JSON string, and the editor has no lines of its own to keep them in.
            state.parameters.prompt.insert(text)
            return []
        default:
            return []
        }
    }

    /// A bracketed paste: text for the field that has the keyboard, never keys. Where no text
    /// field has it, the paste is dropped and the status bar says so.
    static func paste(_ text: String, _ state: inout AppState) -> [Effect] {
        guard state.isTyping else {
            state.message = StatusMessage("paste ignored: only the prompt editor and the / filter take text", isError: true)
            return []
        }
        return type(text, &state)
    }
}
