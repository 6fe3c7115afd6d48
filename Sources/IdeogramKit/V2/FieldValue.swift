/// One field's value, typed by the field's kind.
public enum FieldValue: Sendable, Codable, Hashable {
    case decimal(Double)
    case integer(Int)
    case choice(String)
    case toggle(Bool)
    case text(String)

    /// As the form part carries it: decimals like `0.35`, booleans `true`/`false`, enums literal.
    public var formText: String {
        switch self {
        case .decimal(let value): UpscaleField.decimal(value)
        case .integer(let value): String(value)
        case .choice(let value), .text(let value): value
        case .toggle(let value): value ? "true" : "false"
        }
    }

    /// Reads what a user typed (a flag's value, a form field) as `field` expects it.
    public static func parse(_ text: String, as field: UpscaleField) throws(RequestValidationError) -> FieldValue {
        let trimmed = text.trimmingWhitespace()
        let refuse = RequestValidationError.invalid(field: field.rawValue, value: text, allowed: field.allowed)
        switch field.kind {
        case .decimal:
            guard let value = Double(trimmed), value.isFinite else { throw refuse }
            return .decimal(value)
        case .integer:
            guard let value = Int(trimmed) else { throw refuse }
            return .integer(value)
        case .choice(let values):
            // Tiers are written 2K, the rest lower case; either spelling is taken.
            guard let match = values.first(where: { $0.lowercased() == trimmed.lowercased() }) else { throw refuse }
            return .choice(match)
        case .toggle:
            switch trimmed.lowercased() {
            case "true", "on", "yes", "1": return .toggle(true)
            case "false", "off", "no", "0": return .toggle(false)
            default: throw refuse
            }
        case .text:
            return .text(text)
        }
    }

    var decimal: Double? { if case .decimal(let v) = self { v } else if case .integer(let v) = self { Double(v) } else { nil } }
    var integer: Int? { if case .integer(let v) = self { v } else { nil } }
    var toggle: Bool? { if case .toggle(let v) = self { v } else { nil } }
    var text: String? {
        switch self {
        case .text(let v), .choice(let v): v
        default: nil
        }
    }
}
