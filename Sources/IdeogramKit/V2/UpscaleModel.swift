/// The upscalers of the current API (`POST /v2/image/upscale/{model}`), with what the UI and
/// the command line need to offer them: kind, a one-line description, the fields each takes.
public enum UpscaleModel: String, CaseIterable, Sendable, Codable, Hashable {
    case auto
    case topazStandard2 = "topaz-standard-2"
    case topazTextRefine = "topaz-text-refine"
    case topazWonder35 = "topaz-wonder-3-5"
    case topazWonder4 = "topaz-wonder-4"
    case topazBloom2 = "topaz-bloom-2"
    case topazRedefine = "topaz-redefine"
    case nanoBananaPro = "nano-banana-pro"

    public enum Kind: String, Sendable {
        case picked = "picked per image"
        case faithful
        case addsDetail = "adds detail"
        case creative
        case regenerates
    }

    public var kind: Kind {
        switch self {
        case .auto: .picked
        case .topazStandard2, .topazTextRefine: .faithful
        case .topazWonder35, .topazWonder4: .addsDetail
        case .topazBloom2, .topazRedefine: .creative
        case .nanoBananaPro: .regenerates
        }
    }

    public var summary: String {
        switch self {
        case .auto: "Ideogram picks an upscaler for each image"
        case .topazStandard2: "sharpens and stays close to the source"
        case .topazTextRefine: "stays close and keeps lettering sharp"
        case .topazWonder35: "adds natural detail, strength low to high"
        case .topazWonder4: "adds detail, x2 or x4 (no field list published: common fields only)"
        case .topazBloom2: "invents new fine detail, guided by a prompt"
        case .topazRedefine: "redraws the most, guided by a prompt or its own"
        case .nanoBananaPro: "regenerates the picture at a size tier"
        }
    }

    /// The fields this model takes, in the order a form shows them.
    public var fields: [UpscaleField] {
        let enhancement: [UpscaleField] = [.denoise, .fixCompression, .sharpen, .strength, .subjectDetection,
                                           .faceEnhancement, .faceEnhancementStrength, .faceEnhancementCreativity]
        return switch self {
        case .auto: [.upscaleFactor, .seed]
        case .topazStandard2: [.upscaleFactor] + enhancement
        case .topazTextRefine: [.upscaleFactor, .seed] + enhancement
        case .topazWonder35: [.upscaleFactor, .seed, .enhancementStrength]
        case .topazWonder4: [.upscaleFactor, .seed]
        case .topazBloom2: [.upscaleFactor, .seed, .prompt, .creativity, .colorPreservation]
        case .topazRedefine: [.upscaleFactor, .seed, .prompt, .autoprompt, .creativity, .texture] + enhancement
        case .nanoBananaPro: [.resolutionTier, .seed, .prompt]
        }
    }

    public func takes(_ field: UpscaleField) -> Bool { fields.contains(field) }

    /// The longest prompt the model takes, if it takes one.
    public var promptLimit: Int? {
        switch self {
        case .topazBloom2, .topazRedefine: 1024
        case .nanoBananaPro: 2000
        default: nil
        }
    }

    public var factors: [UpscaleFactor] {
        switch self {
        case .nanoBananaPro: []
        case .topazWonder4: [.x2, .x4]
        default: UpscaleFactor.allCases
        }
    }

    /// An offline estimate of the price per output megapixel, in millionths of a dollar, from
    /// quotes recorded in October 2026; the service's quote is the truth.
    public var estimatedMicrosPerMegapixel: Int64 {
        switch self {
        case .topazStandard2, .topazTextRefine: 30_000
        case .auto, .topazWonder35, .topazWonder4, .topazRedefine: 60_000
        case .topazBloom2: 90_000
        case .nanoBananaPro: 0  // priced per tier, see ResolutionTier
        }
    }
}

public enum UpscaleFactor: String, CaseIterable, Sendable, Codable, Hashable {
    case x2, x4, x8

    public var multiplier: Int {
        switch self {
        case .x2: 2
        case .x4: 4
        case .x8: 8
        }
    }
}

public enum ResolutionTier: String, CaseIterable, Sendable, Codable, Hashable {
    case oneK = "1K", twoK = "2K", fourK = "4K"

    /// The output's long side. The contract names the tiers without a pixel figure; 1K, 2K
    /// and 4K are taken as 1024, 2048 and 4096 pixels on the long side.
    public var longSide: Int {
        switch self {
        case .oneK: 1024
        case .twoK: 2048
        case .fourK: 4096
        }
    }
}

public enum SubjectDetection: String, CaseIterable, Sendable, Codable, Hashable {
    case all, foreground, background
}

public enum EnhancementStrength: String, CaseIterable, Sendable, Codable, Hashable {
    case low, medium, high
}
