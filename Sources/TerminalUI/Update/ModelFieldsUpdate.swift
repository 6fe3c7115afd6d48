import IdeogramKit

/// The keys on a v2 model's fields: the same as the legacy sliders' (←/→ fine, Shift-←/→ or
/// PgUp/PgDn coarse, Home/End the ends, digits typed), plus `a` for auto. Choices and toggles
/// step through auto and their values.
enum ModelFieldsUpdate {
    /// Fine and coarse steps of a 0-1 slider: a hundredth and a tenth, as 1 and 10 are of 0-100.
    static let fineDecimal = 0.01
    static let coarseDecimal = 0.1

    static func perform(_ command: Command, key: Key, _ p: inout ParametersState) {
        let field = p.models.focus
        if command != .typeDigit && command != .eraseDigit { p.typedDigits = nil }
        switch command {
        case .previousField: moveFocus(by: -1, &p)
        case .nextField:
            if key == .enter && field == .prompt { p.focus = .prompt } else { moveFocus(by: 1, &p) }
        case .decrease: step(field, by: -1, coarse: false, &p)
        case .increase: step(field, by: 1, coarse: false, &p)
        case .decreaseTen: step(field, by: -1, coarse: true, &p)
        case .increaseTen: step(field, by: 1, coarse: true, &p)
        case .fieldMinimum: setEnd(field, upper: false, &p)
        case .fieldMaximum: setEnd(field, upper: true, &p)
        case .typeDigit:
            if case .decimal = field.kind { typeDecimal(key, field, &p) } else if let digit = key.digit { typeDigit(digit, field, &p) }
        case .eraseDigit: eraseDigit(field, &p)
        case .cycleChoice: step(field, by: 1, coarse: false, &p)
        case .setAuto: p.models.set(field, nil)
        case .editPrompt:
            guard p.models.model?.takes(.prompt) == true else { return }
            p.models.focus = .prompt
            p.focus = .prompt
        default: break
        }
    }

    static func moveFocus(by delta: Int, _ p: inout ParametersState) {
        let fields = p.models.visibleFields
        guard let index = fields.firstIndex(of: p.models.focus) else {
            p.models.focus = fields.first ?? p.models.focus
            return
        }
        p.models.focus = fields[max(0, min(fields.count - 1, index + delta))]
    }

    /// The values a choice or toggle steps through, auto (nil) first.
    static func cycle(_ field: UpscaleField, model: UpscaleModel) -> [FieldValue?] {
        switch field.kind {
        case .choice(let values):
            let allowed = field == .upscaleFactor ? model.factors.map(\.rawValue) : values
            return [nil] + allowed.map { .choice($0) }
        case .toggle: return [nil, .toggle(true), .toggle(false)]
        default: return []
        }
    }

    static func step(_ field: UpscaleField, by delta: Int, coarse: Bool, _ p: inout ParametersState) {
        guard let model = p.models.model else { return }
        let current = p.models.value(field)
        switch field.kind {
        case .choice, .toggle:
            let values = cycle(field, model: model)
            let index = values.firstIndex(of: current) ?? 0
            p.models.set(field, values[(index + delta + values.count) % values.count])
        case .decimal(let range):
            // From auto, the first step shows where the slider starts: the middle.
            guard case .decimal(let value)? = current else { return p.models.set(field, .decimal(middle(range))) }
            let next = value + Double(delta) * (coarse ? coarseDecimal : fineDecimal)
            p.models.set(field, .decimal(((min(range.upperBound, max(range.lowerBound, next))) * 100).rounded() / 100))
        case .integer(let range):
            guard case .integer(let value)? = current else {
                return p.models.set(field, .integer(Int(field.modelDefault) ?? range.lowerBound))
            }
            p.models.set(field, .integer(min(range.upperBound, max(range.lowerBound, value + delta * (coarse ? 10 : 1)))))
        case .text:
            break
        }
    }

    static func middle(_ range: ClosedRange<Double>) -> Double {
        ((range.lowerBound + range.upperBound) / 2 * 100).rounded() / 100
    }

    static func setEnd(_ field: UpscaleField, upper: Bool, _ p: inout ParametersState) {
        switch field.kind {
        case .decimal(let range): p.models.set(field, .decimal(upper ? range.upperBound : range.lowerBound))
        case .integer(let range): p.models.set(field, .integer(upper ? range.upperBound : range.lowerBound))
        case .choice, .toggle:
            guard let model = p.models.model, let end = upper ? cycle(field, model: model).last : cycle(field, model: model).dropFirst().first else { return }
            p.models.set(field, end)
        case .text: break
        }
    }

    /// Digits build an integer as typed (out of range shows as a problem, as in legacy).
    static func typeDigit(_ digit: Int, _ field: UpscaleField, _ p: inout ParametersState) {
        guard case .integer = field.kind else { return }
        var digits = (p.typedDigits ?? "") + String(digit)
        if digits.count > 10 { digits = String(digits.suffix(10)) }
        p.typedDigits = digits
        p.models.set(field, .integer(Int(digits) ?? 0))
    }

    /// A 0-1 slider takes its value as written: "0.35", ".35", "1". Each key shows at once;
    /// a value out of range shows as the field's problem, as a typed integer does.
    static func typeDecimal(_ key: Key, _ field: UpscaleField, _ p: inout ParametersState) {
        guard case .char(let c) = key, c.isASCII, c.isWholeNumber || c == "." else { return }
        let text = (p.typedDigits ?? "") + String(c)
        guard text.count <= 6, text.filter({ $0 == "." }).count <= 1 else { return }
        p.typedDigits = text
        if let value = decimal(typed: text) { p.models.set(field, .decimal(value)) }
    }

    /// "." alone is no number yet; ".5" and "1." are.
    static func decimal(typed text: String) -> Double? {
        guard text != "." else { return nil }
        return Double((text.hasPrefix(".") ? "0" : "") + text + (text.hasSuffix(".") ? "0" : ""))
    }

    /// Backspace takes a typed digit back; with none left, or on any other field, auto.
    static func eraseDigit(_ field: UpscaleField, _ p: inout ParametersState) {
        if case .decimal = field.kind, let typed = p.typedDigits {
            let text = String(typed.dropLast())
            p.typedDigits = text.isEmpty ? nil : text
            return p.models.set(field, text.isEmpty ? nil : decimal(typed: text).map(FieldValue.decimal))
        }
        guard case .integer(let value)? = p.models.value(field) else { return p.models.set(field, nil) }
        let digits = String((p.typedDigits ?? String(value)).dropLast())
        p.typedDigits = digits.isEmpty ? nil : digits
        p.models.set(field, digits.isEmpty ? nil : .integer(Int(digits) ?? 0))
    }
}
