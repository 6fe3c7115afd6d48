/// One row of a binding table: the keys, what they do, and how help and the footer say it.
public struct KeyBinding: Hashable, Sendable {
    public var keys: [Key]
    public var command: Command
    /// A sentence for the `?` help.
    public var description: String
    /// A word or two for the footer; nil keeps the binding out of the footer.
    public var hint: String?
    /// How the keys are written, when listing each would be too long (digits).
    public var keysLabelOverride: String?

    public init(_ keys: [Key], _ command: Command, _ description: String, hint: String? = nil, keysLabel: String? = nil) {
        self.keys = keys
        self.command = command
        self.description = description
        self.hint = hint
        self.keysLabelOverride = keysLabel
    }

    public var keysLabel: String {
        keysLabelOverride ?? keys.map(\.label).joined(separator: "/")
    }
}

/// Where keys are going: each context has exactly one table.
public enum BindingContext: String, Hashable, Sendable, CaseIterable {
    /// Work everywhere, even while typing.
    case anywhere
    /// Work in every pane except while typing in a text field.
    case outsideText
    case files, filter, prompt, parameters, results, details, help, confirm, modelChooser
    case compare
    case loupe, loupePan

    public var title: String {
        switch self {
        case .anywhere: "Anywhere"
        case .outsideText: "Outside text fields"
        case .files: "Files"
        case .filter: "Filter (after /)"
        case .prompt: "Prompt editor"
        case .parameters: "Parameters"
        case .results: "Results"
        case .details: "Job details (Enter in results)"
        case .help: "Help"
        case .confirm: "Questions"
        case .modelChooser: "Model chooser (m)"
        case .compare: "Compare (c with two marked jobs)"
        case .loupe: "Loupe (larger and compare views)"
        case .loupePan: "Loupe, zoomed in"
        }
    }
}
