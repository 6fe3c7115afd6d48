/// The styles the renderer uses. With NO_COLOR every colour is the terminal default and only
/// attributes (bold, dim, reverse, underline) tell things apart.
public struct Theme: Hashable, Sendable {
    public var noColor: Bool

    public init(noColor: Bool) { self.noColor = noColor }

    private func colored(_ fg: TerminalColor, _ attrs: TextAttributes = []) -> CellStyle {
        CellStyle(foreground: noColor ? .terminalDefault : fg, attributes: attrs)
    }

    public var text: CellStyle { .plain }
    public var dim: CellStyle { CellStyle(attributes: .dim) }
    public var border: CellStyle { noColor ? CellStyle(attributes: .dim) : colored(.gray) }
    public var focusedBorder: CellStyle { colored(.cyan, .bold) }
    public var title: CellStyle { colored(.gray) }
    public var focusedTitle: CellStyle { colored(.cyan, .bold) }
    public var directory: CellStyle { colored(.blue, .bold) }
    public var image: CellStyle { .plain }
    public var otherFile: CellStyle { CellStyle(attributes: .dim) }
    public var problem: CellStyle { colored(.red, noColor ? [.bold, .underline] : .bold) }
    public var warning: CellStyle { colored(.yellow, noColor ? .bold : []) }
    public var success: CellStyle { colored(.green) }
    public var accent: CellStyle { colored(.magenta) }
    public var mark: CellStyle { colored(.yellow, .bold) }
    public var selection: CellStyle { CellStyle(attributes: .reverse) }
    public var statusBar: CellStyle { CellStyle(attributes: .reverse) }
    public var key: CellStyle { colored(.cyan, .bold) }
    public var sliderFill: CellStyle { colored(.cyan) }
    public var demo: CellStyle { colored(.magenta, [.bold, .reverse]) }
    /// The paused queue in the status bar: it must not be missed.
    public var paused: CellStyle { colored(.yellow, [.bold, .reverse]) }

    public func jobState(_ state: JobRowState) -> CellStyle {
        switch state {
        case .done: success
        case .failed, .rejected: problem
        case .outcomeUnknown: warning
        case .cancelled: dim
        case .queued, .uploading, .waitingForAnswer, .generating, .downloading: accent
        }
    }
}
