import Foundation

enum MagicPromptOption: String, Sendable, CaseIterable {
    case auto = "AUTO"
    case on = "ON"
    case off = "OFF"
}

/// The validated image_request of an upscale, with the contract's defaults filled in.
struct UpscaleParameters: Equatable, Sendable {
    var prompt: String?
    var resemblance = 50
    var detail = 50
    var magicPromptOption = MagicPromptOption.auto
    var magicPromptVersion: String?
    var numImages = 1
    var seed: Int?

    static let maxSeed = 2_147_483_647

    /// Parses and range-checks image_request as the real schema does; unknown fields are
    /// ignored and null counts as omitted.
    init(imageRequestJSON text: String) throws(RequestRejection) {
        let fields = try Self.decodeObject(text)
        let reader = FieldReader(fields: fields)
        prompt = try reader.string("prompt")
        resemblance = try reader.integer("resemblance", in: 1...100) ?? resemblance
        detail = try reader.integer("detail", in: 1...100) ?? detail
        if let option = try reader.string("magic_prompt_option") {
            guard let parsed = MagicPromptOption(rawValue: option) else {
                throw .badRequest("image_request.magic_prompt_option must be one of AUTO, ON, OFF (got \"\(option)\")")
            }
            magicPromptOption = parsed
        }
        if let version = try reader.string("magic_prompt_version") {
            guard Self.isMagicPromptVersion(version) else {
                throw .badRequest("image_request.magic_prompt_version must look like V_0 or V_0_1 (got \"\(version)\")")
            }
            guard magicPromptOption != .off else {
                throw .badRequest("image_request.magic_prompt_version is only allowed with magic_prompt_option AUTO or ON")
            }
            magicPromptVersion = version
        }
        numImages = try reader.integer("num_images", in: 1...8) ?? numImages
        seed = try reader.integer("seed", in: 0...Self.maxSeed)
    }

    private static func decodeObject(_ text: String) throws(RequestRejection) -> [String: JSONValue] {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        } catch {
            throw .badRequest("image_request is not valid JSON; it must be a JSON object such as {} or {\"seed\":1}")
        }
        guard case .object(let fields) = value else {
            throw .badRequest("image_request must be a JSON object (got \(value.typeName))")
        }
        return fields
    }

    /// V_0, V_0_1, V_1 ...: "V" then underscore-separated numbers.
    private static func isMagicPromptVersion(_ text: String) -> Bool {
        let parts = text.split(separator: "_", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts[0] == "V"
            && parts.dropFirst().allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }
}

/// Typed access to image_request fields with schema-style messages.
private struct FieldReader {
    let fields: [String: JSONValue]

    func string(_ name: String) throws(RequestRejection) -> String? {
        switch fields[name] {
        case nil, .null?: return nil
        case .string(let value)?: return value
        case let other?: throw .badRequest("image_request.\(name) must be a string (got \(other.typeName))")
        }
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws(RequestRejection) -> Int? {
        let expectation = "image_request.\(name) must be an integer from \(range.lowerBound) to \(range.upperBound)"
        switch fields[name] {
        case nil, .null?:
            return nil
        case .integer(let value)?:
            guard value >= range.lowerBound, value <= range.upperBound else { throw .badRequest("\(expectation) (got \(value))") }
            return Int(value)
        case .fraction(let value)?:
            throw .badRequest("\(expectation) (got \(value))")
        case let other?:
            throw .badRequest("\(expectation) (got \(other.typeName))")
        }
    }
}
