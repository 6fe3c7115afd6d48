// One request type per model, with the contract's fields; `ModelRequest` gives them their
// form parts and checks. Unset fields are not sent.

private func factorValue(_ v: [UpscaleField: FieldValue]) -> UpscaleFactor? { v[.upscaleFactor]?.text.flatMap(UpscaleFactor.init) }

private func common(_ factor: UpscaleFactor?, _ seed: Int?) -> [UpscaleField: FieldValue] {
    var v: [UpscaleField: FieldValue] = [:]
    v[.upscaleFactor] = factor.map { .choice($0.rawValue) }
    v[.seed] = seed.map(FieldValue.integer)
    return v
}

public struct AutoUpscale: ModelRequest {
    public static let model = UpscaleModel.auto
    public var factor: UpscaleFactor?
    public var seed: Int?
    public init(factor: UpscaleFactor? = nil, seed: Int? = nil) { self.factor = factor; self.seed = seed }
    public init(values v: [UpscaleField: FieldValue]) { self.init(factor: factorValue(v), seed: v[.seed]?.integer) }
    public var values: [UpscaleField: FieldValue] { common(factor, seed) }
}

/// Faithful: sharpens and stays close. Takes no seed.
public struct TopazStandard2Upscale: ModelRequest {
    public static let model = UpscaleModel.topazStandard2
    public var factor: UpscaleFactor?
    public var enhancement: TopazEnhancement
    public init(factor: UpscaleFactor? = nil, enhancement: TopazEnhancement = .init()) {
        self.factor = factor
        self.enhancement = enhancement
    }
    public init(values v: [UpscaleField: FieldValue]) { self.init(factor: factorValue(v), enhancement: .init(values: v)) }
    public var values: [UpscaleField: FieldValue] { common(factor, nil).adding(enhancement.values) }
}

/// Faithful, keeping lettering sharp: topaz-standard-2's fields plus a seed.
public struct TopazTextRefineUpscale: ModelRequest {
    public static let model = UpscaleModel.topazTextRefine
    public var factor: UpscaleFactor?
    public var seed: Int?
    public var enhancement: TopazEnhancement
    public init(factor: UpscaleFactor? = nil, seed: Int? = nil, enhancement: TopazEnhancement = .init()) {
        self.factor = factor
        self.seed = seed
        self.enhancement = enhancement
    }
    public init(values v: [UpscaleField: FieldValue]) {
        self.init(factor: factorValue(v), seed: v[.seed]?.integer, enhancement: .init(values: v))
    }
    public var values: [UpscaleField: FieldValue] { common(factor, seed).adding(enhancement.values) }
}

public struct TopazWonder35Upscale: ModelRequest {
    public static let model = UpscaleModel.topazWonder35
    public var factor: UpscaleFactor?
    public var seed: Int?
    /// The model's default is high.
    public var enhancementStrength: EnhancementStrength?
    public init(factor: UpscaleFactor? = nil, seed: Int? = nil, enhancementStrength: EnhancementStrength? = nil) {
        self.factor = factor
        self.seed = seed
        self.enhancementStrength = enhancementStrength
    }
    public init(values v: [UpscaleField: FieldValue]) {
        self.init(factor: factorValue(v), seed: v[.seed]?.integer,
                  enhancementStrength: v[.enhancementStrength]?.text.flatMap(EnhancementStrength.init))
    }
    public var values: [UpscaleField: FieldValue] {
        var v = common(factor, seed)
        v[.enhancementStrength] = enhancementStrength.map { .choice($0.rawValue) }
        return v
    }
}

/// Named on the overview page with no field list: only the common fields, x2 or x4.
public struct TopazWonder4Upscale: ModelRequest {
    public static let model = UpscaleModel.topazWonder4
    public var factor: UpscaleFactor?
    public var seed: Int?
    public init(factor: UpscaleFactor? = nil, seed: Int? = nil) { self.factor = factor; self.seed = seed }
    public init(values v: [UpscaleField: FieldValue]) { self.init(factor: factorValue(v), seed: v[.seed]?.integer) }
    public var values: [UpscaleField: FieldValue] { common(factor, seed) }
}

/// Creative: new fine detail, guided by a prompt of up to 1024 characters.
public struct TopazBloom2Upscale: ModelRequest {
    public static let model = UpscaleModel.topazBloom2
    public var factor: UpscaleFactor?
    public var seed: Int?
    public var prompt: String?
    /// 1 to 9; the model's default is 3.
    public var creativity: Int?
    /// The model's default is true.
    public var colorPreservation: Bool?
    public init(factor: UpscaleFactor? = nil, seed: Int? = nil, prompt: String? = nil, creativity: Int? = nil,
                colorPreservation: Bool? = nil) {
        self.factor = factor
        self.seed = seed
        self.prompt = prompt
        self.creativity = creativity
        self.colorPreservation = colorPreservation
    }
    public init(values v: [UpscaleField: FieldValue]) {
        self.init(factor: factorValue(v), seed: v[.seed]?.integer, prompt: v[.prompt]?.text, creativity: v[.creativity]?.integer,
                  colorPreservation: v[.colorPreservation]?.toggle)
    }
    public var values: [UpscaleField: FieldValue] {
        var v = common(factor, seed)
        v[.prompt] = prompt.map(FieldValue.text)
        v[.creativity] = creativity.map(FieldValue.integer)
        v[.colorPreservation] = colorPreservation.map(FieldValue.toggle)
        return v
    }
}

/// Creative, redrawing the most: a prompt or its own (`autoprompt`), creativity, texture, and
/// topaz-standard-2's fields.
public struct TopazRedefineUpscale: ModelRequest {
    public static let model = UpscaleModel.topazRedefine
    public var factor: UpscaleFactor?
    public var seed: Int?
    public var prompt: String?
    /// When true the model writes its own prompt and ignores `prompt`.
    public var autoprompt: Bool?
    public var creativity: Int?
    /// 1 to 5; the model's default is 1.
    public var texture: Int?
    public var enhancement: TopazEnhancement
    public init(factor: UpscaleFactor? = nil, seed: Int? = nil, prompt: String? = nil, autoprompt: Bool? = nil,
                creativity: Int? = nil, texture: Int? = nil, enhancement: TopazEnhancement = .init()) {
        self.factor = factor
        self.seed = seed
        self.prompt = prompt
        self.autoprompt = autoprompt
        self.creativity = creativity
        self.texture = texture
        self.enhancement = enhancement
    }
    public init(values v: [UpscaleField: FieldValue]) {
        self.init(factor: factorValue(v), seed: v[.seed]?.integer, prompt: v[.prompt]?.text, autoprompt: v[.autoprompt]?.toggle,
                  creativity: v[.creativity]?.integer, texture: v[.texture]?.integer, enhancement: .init(values: v))
    }
    public var values: [UpscaleField: FieldValue] {
        var v = common(factor, seed)
        v[.prompt] = prompt.map(FieldValue.text)
        v[.autoprompt] = autoprompt.map(FieldValue.toggle)
        v[.creativity] = creativity.map(FieldValue.integer)
        v[.texture] = texture.map(FieldValue.integer)
        return v.adding(enhancement.values)
    }
}

/// Regenerates at a size tier (no factor), guided by a prompt of up to 2000 characters.
public struct NanoBananaProUpscale: ModelRequest {
    public static let model = UpscaleModel.nanoBananaPro
    public var tier: ResolutionTier?
    public var seed: Int?
    public var prompt: String?
    public init(tier: ResolutionTier? = nil, seed: Int? = nil, prompt: String? = nil) {
        self.tier = tier
        self.seed = seed
        self.prompt = prompt
    }
    public init(values v: [UpscaleField: FieldValue]) {
        self.init(tier: v[.resolutionTier]?.text.flatMap(ResolutionTier.init), seed: v[.seed]?.integer, prompt: v[.prompt]?.text)
    }
    public var values: [UpscaleField: FieldValue] {
        var v = common(nil, seed)
        v[.resolutionTier] = tier.map { .choice($0.rawValue) }
        v[.prompt] = prompt.map(FieldValue.text)
        return v
    }
}
