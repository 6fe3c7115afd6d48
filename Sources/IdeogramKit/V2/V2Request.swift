/// A v2 upscale of any model, as the queue stores it and the client sends it: one of the
/// per-model request types.
public enum V2Request: Sendable, Hashable {
    case auto(AutoUpscale)
    case topazStandard2(TopazStandard2Upscale)
    case topazTextRefine(TopazTextRefineUpscale)
    case topazWonder35(TopazWonder35Upscale)
    case topazWonder4(TopazWonder4Upscale)
    case topazBloom2(TopazBloom2Upscale)
    case topazRedefine(TopazRedefineUpscale)
    case nanoBananaPro(NanoBananaProUpscale)

    /// The largest output side any model but nano-banana-pro may produce.
    public static let maxOutputSide = 8192

    public var request: any ModelRequest {
        switch self {
        case .auto(let r): r
        case .topazStandard2(let r): r
        case .topazTextRefine(let r): r
        case .topazWonder35(let r): r
        case .topazWonder4(let r): r
        case .topazBloom2(let r): r
        case .topazRedefine(let r): r
        case .nanoBananaPro(let r): r
        }
    }

    public var model: UpscaleModel { type(of: request).model }
    public var values: [UpscaleField: FieldValue] { request.values }
    public var formFields: [(name: String, value: String)] { request.formFields }
    public func problems() -> [RequestValidationError] { request.problems() }

    /// Builds the model's request from values, refusing (with every problem) a field the model
    /// does not take or a value it does not allow, before anything is sent.
    public init(model: UpscaleModel, values: [UpscaleField: FieldValue]) throws(RequestProblems) {
        let problems = RequestRules.problems(values, model: model)
        guard problems.isEmpty else { throw RequestProblems(problems: problems) }
        self = Self.unchecked(model: model, values: values)
    }

    /// Builds without checking (the values were checked when stored).
    static func unchecked(model: UpscaleModel, values v: [UpscaleField: FieldValue]) -> V2Request {
        switch model {
        case .auto: .auto(.init(values: v))
        case .topazStandard2: .topazStandard2(.init(values: v))
        case .topazTextRefine: .topazTextRefine(.init(values: v))
        case .topazWonder35: .topazWonder35(.init(values: v))
        case .topazWonder4: .topazWonder4(.init(values: v))
        case .topazBloom2: .topazBloom2(.init(values: v))
        case .topazRedefine: .topazRedefine(.init(values: v))
        case .nanoBananaPro: .nanoBananaPro(.init(values: v))
        }
    }

    /// The factor sent, or the model's default (x2); nil for a tier model.
    public var factor: UpscaleFactor? {
        guard model != .nanoBananaPro else { return nil }
        return values[.upscaleFactor]?.text.flatMap(UpscaleFactor.init) ?? .x2
    }

    /// The output size for a source of this size; nil for a tier model (the service decides).
    public func outputSize(width: Int, height: Int) -> (width: Int, height: Int)? {
        factor.map { (width * $0.multiplier, height * $0.multiplier) }
    }

    /// The tier asked for, or the default (2K); nil for a factor model.
    public var tier: ResolutionTier? {
        guard model == .nanoBananaPro else { return nil }
        return values[.resolutionTier]?.text.flatMap(ResolutionTier.init) ?? .twoK
    }

    /// The output-size rules, checked locally before anything is sent or quoted: a factor may
    /// not pass 8192 pixels a side; a tier must be larger than the source (the service
    /// refuses a source already at or above it).
    public func sizeProblem(width: Int, height: Int) -> RequestValidationError? {
        if let tier {
            guard max(width, height) >= tier.longSide else { return nil }
            return .invalid(field: "resolution_tier", value: tier.rawValue,
                            allowed: "a tier above the source: \(width)x\(height) is already at or above \(tier.rawValue) "
                                + "(\(tier.longSide) pixels on the long side)")
        }
        guard let factor, let out = outputSize(width: width, height: height),
              max(out.width, out.height) > Self.maxOutputSide else { return nil }
        return .invalid(field: "upscale_factor", value: factor.rawValue,
                        allowed: "an output of at most \(Self.maxOutputSide) pixels a side: \(width)x\(height) \(factor.rawValue) "
                            + "would be \(out.width)x\(out.height)")
    }
}

/// Several problems found at once, one per line.
public struct RequestProblems: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [RequestValidationError]
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

extension V2Request: Codable {
    private enum Keys: String, CodingKey { case model, fields }

    /// Stored as the model and its form parts, so a history row reads like the request sent.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(model, forKey: .model)
        try container.encode(Dictionary(uniqueKeysWithValues: formFields.map { ($0.name, $0.value) }), forKey: .fields)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let model = try container.decode(UpscaleModel.self, forKey: .model)
        let fields = try container.decode([String: String].self, forKey: .fields)
        var values: [UpscaleField: FieldValue] = [:]
        for (name, text) in fields {
            guard let field = UpscaleField(rawValue: name) else {
                throw DecodingError.dataCorruptedError(forKey: .fields, in: container, debugDescription: "unknown field \(name)")
            }
            do { values[field] = try FieldValue.parse(text, as: field) } catch {
                throw DecodingError.dataCorruptedError(forKey: .fields, in: container, debugDescription: error.description)
            }
        }
        self = Self.unchecked(model: model, values: values)
    }
}
