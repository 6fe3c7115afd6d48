import IdeogramKit

/// The v2 side of the parameters pane: which model is chosen (nil: the legacy upscaler), the
/// values each model was given this run (so switching back finds them as they were), and the
/// field that has the focus. A field without a value is not sent: the model chooses ("auto").
public struct ModelFields: Hashable, Sendable {
    public var model: UpscaleModel?
    /// Each model's values. The chosen model's prompt lives in the shared editor meanwhile.
    public var values: [UpscaleModel: [UpscaleField: FieldValue]]
    public var focus: UpscaleField = .upscaleFactor
    /// The legacy prompt, kept while a v2 model holds the editor.
    public var legacyPrompt = ""

    public init(defaults: [UpscaleModel: [UpscaleField: FieldValue]] = [:]) {
        values = defaults
    }

    /// The chosen model's fields the pane shows: the face strengths only while faces are on.
    public var visibleFields: [UpscaleField] {
        guard let model else { return [] }
        let facesOn = values[model]?[.faceEnhancement] == .toggle(true)
        return model.fields.filter { facesOn || ($0 != .faceEnhancementStrength && $0 != .faceEnhancementCreativity) }
    }

    public func value(_ field: UpscaleField) -> FieldValue? {
        model.flatMap { values[$0]?[field] }
    }

    /// Sets (or clears: nil is auto) a field of the chosen model. Faces on need both strengths,
    /// so they start at the middle; faces off or auto clear them, as the service refuses them then.
    public mutating func set(_ field: UpscaleField, _ value: FieldValue?) {
        guard let model else { return }
        values[model, default: [:]][field] = value
        guard field == .faceEnhancement else { return }
        let strengths = [UpscaleField.faceEnhancementStrength, .faceEnhancementCreativity]
        for strength in strengths {
            if value == .toggle(true) {
                if values[model]?[strength] == nil { values[model]?[strength] = .decimal(0.5) }
            } else {
                values[model]?[strength] = nil
            }
        }
    }
}
