/// Where the v2 calls go. They exist in the official dialect only: aggregators pass the legacy
/// call through and nothing else.
extension Endpoint {
    public var speaksV2: Bool { dialect == .official }

    public func v2UpscaleURL(_ model: UpscaleModel, dryRun: Bool = false) -> String {
        baseURL + "/v2/image/upscale/" + model.rawValue + (dryRun ? "?dry_run=true" : "")
    }

    public func generationURL(_ id: String) -> String {
        // Ids are short alphanumerics; anything else is escaped rather than trusted into a path.
        let safe = id.unicodeScalars.map { scalar -> String in
            let c = Character(scalar)
            return c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_") ? String(c) : "%" + String(format2: scalar.value)
        }.joined()
        return baseURL + "/v2/generations/" + safe
    }
}

private extension String {
    init(format2 value: UInt32) {
        let hex = String(value & 0xFF, radix: 16, uppercase: true)
        self = hex.count == 1 ? "0" + hex : hex
    }
}
