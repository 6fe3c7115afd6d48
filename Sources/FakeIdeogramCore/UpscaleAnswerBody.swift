/// The 200 body of an upscale, exactly the contract's shape.
public struct UpscaleAnswerBody: Encodable, Sendable {
    public var created: String
    public var data: [Entry]

    public struct Entry: Encodable, Sendable {
        public var seed: Int
        public var prompt: String
        /// "WxH", the size of the picture at `url`.
        public var resolution: String
        /// nil is written as `null` (not omitted): withheld images have `"url": null`.
        public var url: String?
        public var isImageSafe: Bool

        enum CodingKeys: String, CodingKey {
            case seed, prompt, resolution, url
            case isImageSafe = "is_image_safe"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(seed, forKey: .seed)
            try container.encode(prompt, forKey: .prompt)
            try container.encode(resolution, forKey: .resolution)
            try container.encode(url, forKey: .url)
            try container.encode(isImageSafe, forKey: .isImageSafe)
        }
    }
}
