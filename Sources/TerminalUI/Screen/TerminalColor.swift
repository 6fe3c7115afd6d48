/// A colour as a terminal knows it. `.terminalDefault` keeps the user's own foreground or
/// background, which is also what NO_COLOR asks for everywhere.
public enum TerminalColor: Hashable, Sendable {
    case terminalDefault
    case black, red, green, yellow, blue, magenta, cyan, white
    /// "Bright black": grey on most terminals; falls back to dim when only 8 colours exist.
    case gray
    /// One of the 256 palette entries, for terminals that have them.
    case indexed(UInt8)

    /// A short name for style maps in golden files.
    public var name: String {
        switch self {
        case .terminalDefault: "default"
        case .black: "black"
        case .red: "red"
        case .green: "green"
        case .yellow: "yellow"
        case .blue: "blue"
        case .magenta: "magenta"
        case .cyan: "cyan"
        case .white: "white"
        case .gray: "gray"
        case .indexed(let n): "idx\(n)"
        }
    }
}

/// Text attributes a cell may carry.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let dim = TextAttributes(rawValue: 1 << 1)
    public static let reverse = TextAttributes(rawValue: 1 << 2)
    public static let underline = TextAttributes(rawValue: 1 << 3)

    public var names: [String] {
        var out: [String] = []
        if contains(.bold) { out.append("bold") }
        if contains(.dim) { out.append("dim") }
        if contains(.reverse) { out.append("reverse") }
        if contains(.underline) { out.append("underline") }
        return out
    }
}

/// How one cell looks.
public struct CellStyle: Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var attributes: TextAttributes

    public init(foreground: TerminalColor = .terminalDefault, background: TerminalColor = .terminalDefault,
                attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = CellStyle()

    /// "fg:red bg:default bold" — how a style reads in a golden file's legend.
    public var summary: String {
        (["fg:\(foreground.name)", "bg:\(background.name)"] + attributes.names).joined(separator: " ")
    }

    public func adding(_ extra: TextAttributes) -> CellStyle {
        var copy = self
        copy.attributes.formUnion(extra)
        return copy
    }
}
