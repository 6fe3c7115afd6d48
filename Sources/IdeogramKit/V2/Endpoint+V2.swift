/// Where the v2 calls go. They exist in the official dialect only: aggregators pass the legacy
/// call through and nothing else.
extension Endpoint {
    public var speaksV2: Bool { dialect == .official }

    public func v2UpscaleURL(_ model: UpscaleModel, dryRun: Bool = false) -> String {
        baseURL + "/v2/image/upscale/" + model.rawValue + (dryRun ? "?dry_run=true" : "")
    }

    public func generationURL(_ id: String) -> String {
        // Ids are short alphanumerics; anything else is percent-encoded by its UTF-8 bytes
        // rather than trusted into a path.
        var safe = ""
        for byte in id.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80 && (c.isLetter || c.isNumber || c == "-" || c == "_") {
                safe.append(c)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                safe += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return baseURL + "/v2/generations/" + safe
    }
}
