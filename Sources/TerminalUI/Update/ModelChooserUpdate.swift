/// The `m` overlay's keys. The pane that had the keyboard keeps it, whatever is chosen.
enum ModelChooserUpdate {
    static func perform(_ command: Command, _ state: inout AppState) {
        guard case .modelChooser(var chooser) = state.overlay else { return }
        switch command {
        case .chooserUp: chooser.move(by: -1)
        case .chooserDown: chooser.move(by: 1)
        case .chooserDeleteBackward: chooser.setFilter(String(chooser.filter.dropLast()))
        case .chooserCancel:
            state.overlay = nil
            return
        case .chooserPick:
            guard let entry = chooser.highlighted else { return }
            state.overlay = nil
            state.parameters.choose(entry.model)
            state.message = StatusMessage("model: \(entry.name)")
            return
        default: return
        }
        state.overlay = .modelChooser(chooser)
    }
}
