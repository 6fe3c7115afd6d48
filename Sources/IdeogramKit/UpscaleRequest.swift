/// The `image_request` object of an upscale call, with the contract's ranges.
///
/// Values are checked by `validate()` and never clamped: a value out of range is the user's
/// mistake to see, not ours to hide.
public struct UpscaleRequest: Sendable, Equatable, Hashable, Codable {
    public static let resemblanceRange = 1...100
    public static let detailRange = 1...100
    public static let numImagesRange = 1...8
    public static let seedRange = 0...2_147_483_647
    public static let defaultResemblance = 50
    public static let defaultDetail = 50

    public var prompt: String?
    public var resemblance: Int
    public var detail: Int
    public var magicPromptOption: MagicPromptOption
    /// `V_0`, `V_0_1`, …; only meaningful with AUTO or ON.
    public var magicPromptVersion: String?
    public var numImages: Int
    /// nil asks the service for a random seed.
    public var seed: Int?

    public init(
        prompt: String? = nil,
        resemblance: Int = UpscaleRequest.defaultResemblance,
        detail: Int = UpscaleRequest.defaultDetail,
        magicPromptOption: MagicPromptOption = .auto,
        magicPromptVersion: String? = nil,
        numImages: Int = 1,
        seed: Int? = nil
    ) {
        self.prompt = prompt
        self.resemblance = resemblance
        self.detail = detail
        self.magicPromptOption = magicPromptOption
        self.magicPromptVersion = magicPromptVersion
        self.numImages = numImages
        self.seed = seed
    }

    enum CodingKeys: String, CodingKey {
        case prompt, resemblance, detail, seed
        case magicPromptOption = "magic_prompt_option"
        case magicPromptVersion = "magic_prompt_version"
        case numImages = "num_images"
    }

    /// Every problem with the request, in field order; empty when it can be sent.
    public func problems() -> [RequestValidationError] {
        var found: [RequestValidationError] = []
        func check(_ field: String, _ value: Int, _ range: ClosedRange<Int>) {
            if !range.contains(value) {
                found.append(.outOfRange(field: field, value: String(value), allowed: "\(range.lowerBound) to \(range.upperBound)"))
            }
        }
        if let prompt, prompt.unicodeScalars.contains(where: { $0.value == 0 }) {
            found.append(.invalid(field: "prompt", value: "contains a NUL character", allowed: "text without NUL"))
        }
        check("resemblance", resemblance, Self.resemblanceRange)
        check("detail", detail, Self.detailRange)
        if let version = magicPromptVersion {
            if !Self.isValidMagicPromptVersion(version) {
                found.append(.invalid(field: "magic_prompt_version", value: version, allowed: "V_0, V_0_1, … (V_ then numbers joined by _)"))
            } else if magicPromptOption == .off {
                found.append(.invalid(field: "magic_prompt_version", value: version, allowed: "only with magic_prompt_option AUTO or ON"))
            }
        }
        check("num_images", numImages, Self.numImagesRange)
        if let seed { check("seed", seed, Self.seedRange) }
        return found
    }

    /// Throws the first problem, so a caller can refuse a request before anything is sent.
    public func validate() throws(RequestValidationError) {
        if let first = problems().first { throw first }
    }

    static func isValidMagicPromptVersion(_ text: String) -> Bool {
        guard text.hasPrefix("V_") else { return false }
        let groups = text.dropFirst(2).split(separator: "_", omittingEmptySubsequences: false)
        return !groups.isEmpty && groups.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }
}

/// A request field the user set to something the API does not accept.
public enum RequestValidationError: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    case outOfRange(field: String, value: String, allowed: String)
    case invalid(field: String, value: String, allowed: String)
    /// A field the chosen model does not take (or a legacy option with a v2 model).
    case notTaken(field: String, model: String)

    public var field: String {
        switch self {
        case .outOfRange(let field, _, _), .invalid(let field, _, _), .notTaken(let field, _): field
        }
    }

    /// What would be accepted instead, for a hint beside the field.
    public var allowed: String {
        switch self {
        case .outOfRange(_, _, let allowed), .invalid(_, _, let allowed): allowed
        case .notTaken(_, let model): "not set: \(model) does not take it"
        }
    }

    public var description: String {
        switch self {
        case .outOfRange(let field, let value, let allowed):
            "\(field) \(TerminalSafeText.sanitize(value, limit: 40)) is out of range: allowed \(allowed)"
        case .invalid(let field, let value, let allowed):
            "\(field) \(TerminalSafeText.sanitize(value, limit: 40)) is not valid: allowed \(allowed)"
        case .notTaken(let field, let model):
            "\(field) is not a field \(model) takes"
        }
    }
}
