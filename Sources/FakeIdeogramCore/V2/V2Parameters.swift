/// The validated text parts of a v2 upscale, checked as strictly as the contract describes:
/// a field the model does not list, a value out of range, a doubled field or a face
/// enhancement without both strengths is a 400. Sizes are checked later, against the image.
struct V2Parameters: Sendable {
    var model: V2Model
    /// The output multiplier (x2 when not sent); nil for the tier model.
    var factor: Int?
    var tier: V2Tier?
    var seed: Int?
    var isAsync = false
    /// The fields as received, for the log.
    var fields: [String: String]

    static let maxSeed = 2_147_483_647

    init(model: V2Model, parts: [(name: String, value: String)]) throws(RequestRejection) {
        var fields: [String: String] = [:]
        for part in parts {
            guard fields[part.name] == nil else { throw .badRequest("the field \(part.name) is sent twice; send it once") }
            guard model.fields.contains(part.name) else {
                throw .badRequest("\(model.rawValue) does not take the field \(part.name.prefix(60)); it takes "
                                  + model.fields.sorted().joined(separator: ", "))
            }
            fields[part.name] = part.value
        }
        self.model = model
        self.fields = fields
        let reader = V2FieldReader(fields: fields, model: model)
        for name in ["denoise", "fix_compression", "sharpen", "face_enhancement_strength", "face_enhancement_creativity"] {
            _ = try reader.decimal(name, in: 0...1)
        }
        _ = try reader.decimal("strength", in: 0.01...1)
        _ = try reader.choice("subject_detection", ["all", "foreground", "background"])
        _ = try reader.choice("enhancement_strength", ["low", "medium", "high"])
        _ = try reader.integer("creativity", in: 1...9)
        _ = try reader.integer("texture", in: 1...5)
        for name in ["color_preservation", "autoprompt", "private"] { _ = try reader.bool(name) }
        if try reader.bool("face_enhancement") == true,
           fields["face_enhancement_strength"] == nil || fields["face_enhancement_creativity"] == nil {
            throw .badRequest("face_enhancement true needs both face_enhancement_strength and face_enhancement_creativity (0 to 1)")
        }
        if let prompt = fields["prompt"], prompt.count > model.promptLimit {
            throw .badRequest("prompt is \(prompt.count) characters; \(model.rawValue) takes at most \(model.promptLimit)")
        }
        if let hook = fields["webhook_url"], !hook.lowercased().hasPrefix("https://") {
            throw .badRequest("webhook_url must be an https:// URL")
        }
        isAsync = try reader.bool("async") ?? false
        seed = try reader.integer("seed", in: 0...Self.maxSeed)
        if model == .nanoBananaPro {
            let name = try reader.choice("resolution_tier", V2Tier.allCases.map(\.rawValue)) ?? V2Tier.twoK.rawValue
            tier = V2Tier(rawValue: name)
        } else {
            let name = try reader.choice("upscale_factor", model.factors.sorted { $0.value < $1.value }.map(\.key)) ?? "x2"
            factor = model.factors[name]
        }
    }

    /// The output size for the source, or a 400: past 8192 pixels a side for a factor, or a
    /// source already at or above the tier for nano-banana-pro.
    func outputSize(sourceWidth width: Int, sourceHeight height: Int) throws(RequestRejection) -> ResultResolution {
        let longest = max(width, height)
        if let tier {
            guard longest < tier.longestSide else {
                throw .badRequest("the source is \(width)x\(height), already at or above the \(tier.rawValue) tier "
                                  + "(\(tier.longestSide) pixels); pick a larger tier")
            }
            func scaled(_ side: Int) -> Int { max(1, (side * tier.longestSide + longest / 2) / longest) }
            return ResultResolution(width: scaled(width), height: scaled(height))
        }
        let factor = factor ?? 2
        guard longest * factor <= Self.maxOutputSide else {
            throw .badRequest("the output would be \(width * factor)x\(height * factor); it may not pass \(Self.maxOutputSide) pixels a side")
        }
        return ResultResolution(width: width * factor, height: height * factor)
    }

    static let maxOutputSide = 8192
}

/// Reads one text part as the kind its field takes, with the contract's wording on failure.
private struct V2FieldReader {
    let fields: [String: String]
    let model: V2Model

    private func refuse(_ name: String, _ value: String, _ allowed: String) -> RequestRejection {
        .badRequest("\(name) must be \(allowed) (got \"\(value.prefix(40))\")")
    }

    func decimal(_ name: String, in range: ClosedRange<Double>) throws(RequestRejection) -> Double? {
        guard let text = fields[name] else { return nil }
        guard let value = Double(text), value.isFinite, range.contains(value) else {
            throw refuse(name, text, "a decimal number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws(RequestRejection) -> Int? {
        guard let text = fields[name] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw refuse(name, text, "a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    func choice(_ name: String, _ allowed: [String]) throws(RequestRejection) -> String? {
        guard let text = fields[name] else { return nil }
        guard allowed.contains(text) else { throw refuse(name, text, "one of \(allowed.joined(separator: ", ")) with \(model.rawValue)") }
        return text
    }

    func bool(_ name: String) throws(RequestRejection) -> Bool? {
        guard let text = fields[name] else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default: throw refuse(name, text, "true or false")
        }
    }
}
