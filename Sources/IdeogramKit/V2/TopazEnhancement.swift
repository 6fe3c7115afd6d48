/// The fields topaz-standard-2 defines, which topaz-text-refine and topaz-redefine take too.
/// Each is optional: unset, the model chooses per image.
public struct TopazEnhancement: Sendable, Hashable {
    public var denoise: Double?
    public var fixCompression: Double?
    public var sharpen: Double?
    public var strength: Double?
    public var subjectDetection: SubjectDetection?
    /// When true, both face strengths must be set.
    public var faceEnhancement: Bool?
    public var faceEnhancementStrength: Double?
    public var faceEnhancementCreativity: Double?

    public init(denoise: Double? = nil, fixCompression: Double? = nil, sharpen: Double? = nil, strength: Double? = nil,
                subjectDetection: SubjectDetection? = nil, faceEnhancement: Bool? = nil,
                faceEnhancementStrength: Double? = nil, faceEnhancementCreativity: Double? = nil) {
        self.denoise = denoise
        self.fixCompression = fixCompression
        self.sharpen = sharpen
        self.strength = strength
        self.subjectDetection = subjectDetection
        self.faceEnhancement = faceEnhancement
        self.faceEnhancementStrength = faceEnhancementStrength
        self.faceEnhancementCreativity = faceEnhancementCreativity
    }

    init(values v: [UpscaleField: FieldValue]) {
        self.init(denoise: v[.denoise]?.decimal, fixCompression: v[.fixCompression]?.decimal, sharpen: v[.sharpen]?.decimal,
                  strength: v[.strength]?.decimal, subjectDetection: v[.subjectDetection]?.text.flatMap(SubjectDetection.init),
                  faceEnhancement: v[.faceEnhancement]?.toggle, faceEnhancementStrength: v[.faceEnhancementStrength]?.decimal,
                  faceEnhancementCreativity: v[.faceEnhancementCreativity]?.decimal)
    }

    var values: [UpscaleField: FieldValue] {
        var v: [UpscaleField: FieldValue] = [:]
        v[.denoise] = denoise.map(FieldValue.decimal)
        v[.fixCompression] = fixCompression.map(FieldValue.decimal)
        v[.sharpen] = sharpen.map(FieldValue.decimal)
        v[.strength] = strength.map(FieldValue.decimal)
        v[.subjectDetection] = subjectDetection.map { .choice($0.rawValue) }
        v[.faceEnhancement] = faceEnhancement.map(FieldValue.toggle)
        v[.faceEnhancementStrength] = faceEnhancementStrength.map(FieldValue.decimal)
        v[.faceEnhancementCreativity] = faceEnhancementCreativity.map(FieldValue.decimal)
        return v
    }
}

extension Dictionary where Key == UpscaleField, Value == FieldValue {
    /// Merges another set of values in (a model's own fields beside the shared ones).
    func adding(_ other: [UpscaleField: FieldValue]) -> Self { merging(other) { _, new in new } }
}
