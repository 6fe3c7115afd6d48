import IdeogramKit

/// Choosing a model, and the v2 request the pane's values make.
extension ParametersState {
    /// The chosen model's values, its prompt taken from the editor (empty: not sent).
    public var v2Values: [UpscaleField: FieldValue] {
        guard let model = models.model else { return [:] }
        var values = models.values[model] ?? [:]
        if model.takes(.prompt) {
            let text = prompt.text.trimmingCharacters(in: .whitespaces)
            values[.prompt] = text.isEmpty ? nil : .text(text)
        } else {
            values[.prompt] = nil
        }
        return values
    }

    /// The request a submission would send with a v2 model; nil for legacy or while a value is wrong.
    public var v2Request: V2Request? {
        guard let model = models.model else { return nil }
        return try? V2Request(model: model, values: v2Values)
    }

    /// Switches the pane to `model` (nil: legacy). The editor's prompt goes back to the model
    /// it belongs to, and the new model's comes in.
    public mutating func choose(_ model: UpscaleModel?) {
        guard model != models.model else { return }
        let factor = models.model.flatMap { models.values[$0]?[.upscaleFactor] }
        if let current = models.model {
            let text = prompt.text.trimmingCharacters(in: .whitespaces)
            if current.takes(.prompt) { models.values[current, default: [:]][.prompt] = text.isEmpty ? nil : .text(prompt.text) }
        } else {
            models.legacyPrompt = prompt.text
        }
        models.model = model
        if let model {
            // The same picture through two models is compared at one size: a factor set on the
            // model left comes along to one that has none set (and allows it).
            if let factor, models.values[model]?[.upscaleFactor] == nil,
               model.factors.contains(where: { $0.rawValue == factor.formText }) {
                models.values[model, default: [:]][.upscaleFactor] = factor
            }
            prompt.setText(models.values[model]?[.prompt]?.promptText ?? "")
            models.focus = model.fields.first ?? .upscaleFactor
            // Nothing to edit when the new model takes no prompt.
            if focus == .prompt && !model.takes(.prompt) { focus = .resemblance }
        } else {
            prompt.setText(models.legacyPrompt)
        }
        typedDigits = nil
    }

    /// Loads a v2 job's model and fields (`e` on its row).
    public mutating func load(_ request: V2Request) {
        choose(request.model)
        var values = request.values
        let text = values.removeValue(forKey: .prompt)?.promptText ?? ""
        models.values[request.model] = values
        prompt.setText(text)
        models.focus = request.model.fields.first ?? .upscaleFactor
        if focus == .prompt { focus = .resemblance }
        typedDigits = nil
    }
}

extension FieldValue {
    /// The text of a prompt value.
    var promptText: String? { if case .text(let text) = self { text } else { nil } }
}
