/// The 200 body of an upscale, exactly the contract's shape.
struct UpscaleAnswerBody: Encodable, Sendable {
    var created: String
    var data: [Entry]

    struct Entry: Encodable, Sendable {
        var seed: Int
        var prompt: String
        var resolution: String
        /// nil is written as `null` (not omitted): withheld images have `"url": null`.
        var url: String?
        var isImageSafe: Bool

        enum CodingKeys: String, CodingKey {
            case seed, prompt, resolution, url
            case isImageSafe = "is_image_safe"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(seed, forKey: .seed)
            try container.encode(prompt, forKey: .prompt)
            try container.encode(resolution, forKey: .resolution)
            try container.encode(url, forKey: .url)
            try container.encode(isImageSafe, forKey: .isImageSafe)
        }
    }
}
