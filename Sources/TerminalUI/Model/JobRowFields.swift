import IdeogramKit

/// How a job's model and fields read: a short model name and the key fields in a few cells for
/// its row, every field spelt out for its details and the compare view.
public enum JobRowFields {
    /// The model in a few cells: "std2", "bloom2", "legacy".
    public static func modelName(_ model: UpscaleModel?) -> String {
        switch model {
        case nil: "legacy"
        case .auto: "auto"
        case .topazStandard2: "std2"
        case .topazTextRefine: "text"
        case .topazWonder35: "wonder3.5"
        case .topazWonder4: "wonder4"
        case .topazBloom2: "bloom2"
        case .topazRedefine: "redefine"
        case .nanoBananaPro: "nano"
        }
    }

    /// "x4 dn.3 subj:fg s42": the factor (or tier), then each field sent, in the form's order;
    /// fields the model chooses are not sent and not shown.
    public static func compact(_ request: V2Request) -> String {
        var parts = [sizeOption(request)]
        for field in request.model.fields where field != .upscaleFactor && field != .resolutionTier {
            guard let value = request.values[field] else { continue }
            parts.append(compact(field, value))
        }
        return parts.joined(separator: " ")
    }

    /// The factor sent ("x4"), or the tier for a tier model ("2K"), defaults included.
    public static func sizeOption(_ request: V2Request) -> String {
        request.factor?.rawValue ?? request.values[.resolutionTier]?.formText ?? ResolutionTier.twoK.rawValue
    }

    static func compact(_ field: UpscaleField, _ value: FieldValue) -> String {
        let name = abbreviations[field] ?? field.rawValue
        switch value {
        case .decimal:
            // "0.3" reads ".3": the row has few cells, and every such field is at most 1.
            let text = value.formText
            return name + (text.hasPrefix("0.") ? String(text.dropFirst()) : text)
        case .integer(let number): return "\(name)\(number)"
        case .choice(let choice): return "\(name):\(choiceAbbreviations[choice] ?? choice)"
        case .toggle(let on): return "\(name):\(on ? "on" : "off")"
        case .text: return name
        }
    }

    static let abbreviations: [UpscaleField: String] = [
        .seed: "s", .prompt: "prompt", .autoprompt: "autoprompt", .denoise: "dn", .fixCompression: "fc",
        .sharpen: "sh", .strength: "st", .subjectDetection: "subj", .faceEnhancement: "face",
        .faceEnhancementStrength: "fs", .faceEnhancementCreativity: "fcr", .enhancementStrength: "enh",
        .creativity: "cr", .colorPreservation: "col", .texture: "tx",
    ]
    static let choiceAbbreviations = ["foreground": "fg", "background": "bg", "medium": "med"]

    /// One field of the model as the job had it: sent with a value, or left to the model.
    public struct FieldLine: Hashable, Sendable {
        public var text: String
        public var isSent: Bool
    }

    /// Every field the model takes, as sent ("denoise 0.3") or left out, for the model to
    /// choose ("sharpen: model chooses", "creativity: model chooses (default 3)"), in the
    /// form's order.
    public static func every(_ request: V2Request) -> [FieldLine] {
        request.model.fields.map { field in
            if let value = request.values[field] { return FieldLine(text: "\(field.rawValue) \(value.formText)", isSent: true) }
            let byDefault = field.modelDefault == "chosen per image" ? "" : " (default \(field.modelDefault))"
            return FieldLine(text: "\(field.rawValue): model chooses\(byDefault)", isSent: false)
        }
    }

    /// The fields sent besides the factor or tier, "denoise 0.3 · sharpen 0.5", or a word
    /// saying the model chooses them all.
    public static func sent(_ request: V2Request) -> String {
        let sent = request.model.fields.compactMap { field -> String? in
            guard field != .upscaleFactor, field != .resolutionTier, let value = request.values[field] else { return nil }
            return field == .prompt ? "prompt" : "\(field.rawValue) \(value.formText)"
        }
        guard sent.isEmpty else { return sent.joined(separator: " · ") }
        let sizeSent = request.values[.upscaleFactor] != nil || request.values[.resolutionTier] != nil
        return sizeSent ? "only the size sent: the model chooses the rest" : "no fields sent: the model chooses"
    }
}

extension JobRow {
    /// The model in a few cells ("std2", "legacy").
    public var modelName: String { JobRowFields.modelName(generation?.request.model) }

    /// The key fields in a few cells: "x4 dn.3" for v2, "r50 d50 AUTO ×1 s42" for legacy.
    public var keyFields: String { generation.map { JobRowFields.compact($0.request) } ?? shortParameters }

    /// The prompt sent, if any: the v2 prompt field, or the legacy request's.
    public var promptSent: String? {
        guard let generation else { return request.prompt }
        return generation.request.values[.prompt]?.formText
    }
}
