/// Every text part a v2 upscale can carry besides `image`, named as the contract names it,
/// with the kind of value and the range it allows (the prompt's length depends on the model).
public enum UpscaleField: String, CaseIterable, Sendable, Codable, Hashable {
    case upscaleFactor = "upscale_factor"
    case resolutionTier = "resolution_tier"
    case seed
    case prompt
    case autoprompt
    case denoise
    case fixCompression = "fix_compression"
    case sharpen
    case strength
    case subjectDetection = "subject_detection"
    case faceEnhancement = "face_enhancement"
    case faceEnhancementStrength = "face_enhancement_strength"
    case faceEnhancementCreativity = "face_enhancement_creativity"
    case enhancementStrength = "enhancement_strength"
    case creativity
    case colorPreservation = "color_preservation"
    case texture

    public enum Kind: Sendable, Equatable {
        case decimal(ClosedRange<Double>)
        case integer(ClosedRange<Int>)
        case choice([String])
        case toggle
        case text
    }

    public var kind: Kind {
        switch self {
        case .upscaleFactor: .choice(UpscaleFactor.allCases.map(\.rawValue))
        case .resolutionTier: .choice(ResolutionTier.allCases.map(\.rawValue))
        case .seed: .integer(UpscaleRequest.seedRange)
        case .prompt: .text
        case .autoprompt, .faceEnhancement, .colorPreservation: .toggle
        case .denoise, .fixCompression, .sharpen, .faceEnhancementStrength, .faceEnhancementCreativity: .decimal(0...1)
        case .strength: .decimal(0.01...1)
        case .subjectDetection: .choice(SubjectDetection.allCases.map(\.rawValue))
        case .enhancementStrength: .choice(EnhancementStrength.allCases.map(\.rawValue))
        case .creativity: .integer(1...9)
        case .texture: .integer(1...5)
        }
    }

    /// What the model uses when the field is not sent, as the contract states it.
    public var modelDefault: String {
        switch self {
        case .upscaleFactor: "x2"
        case .resolutionTier: "2K"
        case .seed: "random"
        case .enhancementStrength: "high"
        case .creativity: "3"
        case .texture: "1"
        case .colorPreservation: "true"
        case .autoprompt, .faceEnhancement: "false"
        case .prompt: "none"
        default: "chosen per image"
        }
    }

    /// How the allowed values read in a message.
    public var allowed: String {
        switch kind {
        case .decimal(let range): "\(Self.decimal(range.lowerBound)) to \(Self.decimal(range.upperBound))"
        case .integer(let range): "\(range.lowerBound) to \(range.upperBound)"
        case .choice(let values): values.joined(separator: ", ")
        case .toggle: "true or false"
        case .text: "text"
        }
    }

    /// Decimals as the form parts carry them: `0.35`, `1`, never `1.0000001`.
    static func decimal(_ value: Double) -> String {
        let rounded = (value * 1_000_000).rounded() / 1_000_000
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(rounded)
        if text.contains("e") { text = String(format6: rounded) }
        return text
    }
}

private extension String {
    /// Six decimals without trailing zeros, for values `String(Double)` writes in exponent form.
    init(format6 value: Double) {
        var digits = String(Int((abs(value) * 1_000_000).rounded()))
        while digits.count < 7 { digits = "0" + digits }
        var fraction = String(digits.suffix(6))
        while fraction.hasSuffix("0") { fraction.removeLast() }
        self = (value < 0 ? "-" : "") + digits.dropLast(6) + (fraction.isEmpty ? "" : "." + fraction)
    }
}
