/// A request for one v2 model: its own type with the contract's fields (`ModelRequests.swift`),
/// seen here through the values it sets. A field left unset is not sent: the model chooses.
public protocol ModelRequest: Sendable, Hashable {
    static var model: UpscaleModel { get }
    /// The fields set, by name; each is sent as its own text part.
    var values: [UpscaleField: FieldValue] { get }
    /// Reads the values back; fields this model does not take are ignored here (`V2Request`
    /// refuses them first).
    init(values: [UpscaleField: FieldValue])
}

extension ModelRequest {
    /// The text parts after `image`, in the model's field order.
    public var formFields: [(name: String, value: String)] {
        Self.model.fields.compactMap { field in values[field].map { (field.rawValue, $0.formText) } }
    }

    /// Every problem, in field order; empty when the request can be sent.
    public func problems() -> [RequestValidationError] {
        RequestRules.problems(values, model: Self.model)
    }
}

/// The checks every model's values go through before anything is sent or quoted.
enum RequestRules {
    static func problems(_ values: [UpscaleField: FieldValue], model: UpscaleModel) -> [RequestValidationError] {
        var found: [RequestValidationError] = []
        for field in UpscaleField.allCases {
            guard let value = values[field] else { continue }
            guard model.takes(field) else {
                found.append(.notTaken(field: field.rawValue, model: model.rawValue))
                continue
            }
            if let problem = check(value, field, model) { found.append(problem) }
        }
        let face = values[.faceEnhancement]?.toggle == true
        let strengths = [UpscaleField.faceEnhancementStrength, .faceEnhancementCreativity]
        if face, strengths.contains(where: { values[$0] == nil }) {
            found.append(.invalid(field: "face_enhancement", value: "true",
                                  allowed: "only with face_enhancement_strength and face_enhancement_creativity set (0 to 1 each)"))
        }
        for field in strengths where !face && values[field] != nil && model.takes(field) {
            found.append(.invalid(field: field.rawValue, value: values[field]!.formText, allowed: "only with face_enhancement true"))
        }
        return found
    }

    private static func check(_ value: FieldValue, _ field: UpscaleField, _ model: UpscaleModel) -> RequestValidationError? {
        let refuse = RequestValidationError.outOfRange(field: field.rawValue, value: value.formText, allowed: field.allowed)
        switch field.kind {
        case .decimal(let range):
            guard let number = value.decimal else { return refuse }
            return range.contains(number) ? nil : refuse
        case .integer(let range):
            guard let number = value.integer else { return refuse }
            return range.contains(number) ? nil : refuse
        case .choice(let choices):
            guard let text = value.text, choices.contains(text) else { return refuse }
            if field == .upscaleFactor, let factor = UpscaleFactor(rawValue: text), !model.factors.contains(factor) {
                return .invalid(field: field.rawValue, value: text,
                                allowed: "\(model.factors.map(\.rawValue).joined(separator: " or ")) with \(model.rawValue)")
            }
            return nil
        case .toggle:
            return value.toggle == nil ? refuse : nil
        case .text:
            guard let text = value.text else { return refuse }
            if text.unicodeScalars.contains(where: { $0.value == 0 }) {
                return .invalid(field: field.rawValue, value: "contains a NUL character", allowed: "text without NUL")
            }
            if let limit = model.promptLimit, text.count > limit {
                return .invalid(field: field.rawValue, value: "\(text.count) characters",
                                allowed: "up to \(limit) characters with \(model.rawValue)")
            }
            return nil
        }
    }
}
