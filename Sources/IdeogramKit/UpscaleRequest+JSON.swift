import Foundation

extension UpscaleRequest {
    /// The `image_request` part as sent: only the fields that differ from nothing, keys sorted
    /// so that the same request always gives the same bytes (deduplication hashes them).
    ///
    /// Defaults are sent explicitly: the answer then does not depend on the service's defaults.
    public func jsonString() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a struct of strings and integers cannot fail.
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if let prompt, !prompt.isEmpty { try container.encode(prompt, forKey: .prompt) }
        try container.encode(resemblance, forKey: .resemblance)
        try container.encode(detail, forKey: .detail)
        try container.encode(magicPromptOption, forKey: .magicPromptOption)
        try container.encodeIfPresent(magicPromptVersion, forKey: .magicPromptVersion)
        try container.encode(numImages, forKey: .numImages)
        try container.encodeIfPresent(seed, forKey: .seed)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            prompt: try container.decodeIfPresent(String.self, forKey: .prompt),
            resemblance: try container.decodeIfPresent(Int.self, forKey: .resemblance) ?? Self.defaultResemblance,
            detail: try container.decodeIfPresent(Int.self, forKey: .detail) ?? Self.defaultDetail,
            magicPromptOption: try container.decodeIfPresent(MagicPromptOption.self, forKey: .magicPromptOption) ?? .auto,
            magicPromptVersion: try container.decodeIfPresent(String.self, forKey: .magicPromptVersion),
            numImages: try container.decodeIfPresent(Int.self, forKey: .numImages) ?? 1,
            seed: try container.decodeIfPresent(Int.self, forKey: .seed)
        )
    }
}
