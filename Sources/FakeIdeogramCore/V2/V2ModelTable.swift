/// The fake's own table of the current API's upscalers, written from the contract
/// (upscale-v2-api.md) and shared with no client code: the fake is the oracle the client is
/// tested against, so a mistake in the client's table must not be repeated here.
enum V2Model: String, CaseIterable, Sendable {
    case auto
    case topazStandard2 = "topaz-standard-2"
    case topazTextRefine = "topaz-text-refine"
    case topazWonder35 = "topaz-wonder-3-5"
    case topazWonder4 = "topaz-wonder-4"
    case topazBloom2 = "topaz-bloom-2"
    case topazRedefine = "topaz-redefine"
    case nanoBananaPro = "nano-banana-pro"

    /// Every model takes these (seed excepted on topaz-standard-2).
    private static let common = ["seed", "async", "webhook_url", "private", "target_collection_id"]
    /// topaz-standard-2's own fields, which text-refine and redefine take too.
    private static let enhancement = ["denoise", "fix_compression", "sharpen", "strength", "subject_detection",
                                      "face_enhancement", "face_enhancement_strength", "face_enhancement_creativity"]

    /// The text parts the model takes; any other is refused.
    var fields: Set<String> {
        let listed: [String] = switch self {
        case .auto, .topazWonder4: ["upscale_factor"]
        case .topazStandard2: ["upscale_factor"] + Self.enhancement
        case .topazTextRefine: ["upscale_factor"] + Self.enhancement
        case .topazWonder35: ["upscale_factor", "enhancement_strength"]
        case .topazBloom2: ["upscale_factor", "prompt", "creativity", "color_preservation"]
        case .topazRedefine: ["upscale_factor", "prompt", "autoprompt", "creativity", "texture"] + Self.enhancement
        case .nanoBananaPro: ["resolution_tier", "prompt"]
        }
        let common = self == .topazStandard2 ? Self.common.filter { $0 != "seed" } : Self.common
        return Set(listed + common)
    }

    /// The factors `upscale_factor` may name, by multiplier; empty for the tier model.
    var factors: [String: Int] {
        switch self {
        case .nanoBananaPro: [:]
        case .topazWonder4: ["x2": 2, "x4": 4]
        default: ["x2": 2, "x4": 4, "x8": 8]
        }
    }

    var promptLimit: Int {
        switch self {
        case .nanoBananaPro: 2000
        default: 1024
        }
    }

    /// Price per output megapixel in millionths of a dollar ($0.03, $0.06, $0.09); the tier
    /// model has a flat price per tier instead.
    var microsPerMegapixel: Int64 {
        switch self {
        case .topazStandard2, .topazTextRefine: 30_000
        case .auto, .topazWonder35, .topazWonder4, .topazRedefine: 60_000
        case .topazBloom2: 90_000
        case .nanoBananaPro: 0
        }
    }

    /// The highest price per megapixel `auto` may end up billing: it picks among the topaz models.
    static let autoUpperBoundMicrosPerMegapixel: Int64 = 90_000

    /// The quote's `billing_identifier` (the contract shows topaz_standard_v2_upscale).
    var billingIdentifier: String {
        switch self {
        case .auto: "auto_upscale"
        case .topazStandard2: "topaz_standard_v2_upscale"
        case .topazTextRefine: "topaz_text_refine_upscale"
        case .topazWonder35: "topaz_wonder_v3_5_upscale"
        case .topazWonder4: "topaz_wonder_v4_upscale"
        case .topazBloom2: "topaz_bloom_v2_upscale"
        case .topazRedefine: "topaz_redefine_upscale"
        case .nanoBananaPro: "nano_banana_pro_upscale"
        }
    }
}

/// nano-banana-pro's size tiers: the longest side of the output and the flat price.
enum V2Tier: String, CaseIterable, Sendable {
    case oneK = "1K", twoK = "2K", fourK = "4K"

    var longestSide: Int {
        switch self {
        case .oneK: 1024
        case .twoK: 2048
        case .fourK: 4096
        }
    }

    /// $0.1344 for 2K as quoted in October 2026; 1K costs the same, 4K $0.24.
    var micros: Int64 {
        switch self {
        case .oneK, .twoK: 134_400
        case .fourK: 240_000
        }
    }
}
