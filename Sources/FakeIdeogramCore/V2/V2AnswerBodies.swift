/// The 200 bodies of the current API, in the contract's shapes. Optional fields the contract
/// marks as absent are left out; a withheld image's `url` is written as `null`.

/// `POST /v2/image/upscale/{model}`: `data` only when the call was synchronous.
public struct GenerationAnswerBody: Encodable, Sendable {
    public var generationID: String
    public var seed: Int
    public var width: Int
    public var height: Int
    public var data: [GenerationImageEntry]?

    enum CodingKeys: String, CodingKey {
        case seed, width, height, data
        case generationID = "generation_id"
    }
}

public struct GenerationImageEntry: Encodable, Sendable, Equatable {
    public var url: String?
    public var resolution: String
    public var seed: Int
    public var isImageSafe: Bool
    public var assetID: String

    enum CodingKeys: String, CodingKey {
        case url, resolution, seed
        case isImageSafe = "is_image_safe"
        case assetID = "asset_id"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(url, forKey: .url)
        try container.encode(resolution, forKey: .resolution)
        try container.encode(seed, forKey: .seed)
        try container.encode(isImageSafe, forKey: .isImageSafe)
        try container.encode(assetID, forKey: .assetID)
    }
}

/// `?dry_run=true`: the price of the same request; nothing runs, nothing is billed.
public struct PriceQuoteBody: Encodable, Sendable, Equatable {
    public var object = "price_quote"
    public var billingIdentifier: String
    public var quantity = 1
    public var usdMicros: Int64
    public var creditMillis: Int64
    public var qualifier: String
    public var upperBoundUSDMicros: Int64?

    enum CodingKeys: String, CodingKey {
        case object, quantity, qualifier
        case billingIdentifier = "billing_identifier"
        case usdMicros = "usd_micros"
        case creditMillis = "credit_millis"
        case upperBoundUSDMicros = "upper_bound_usd_micros"
    }
}

/// `GET /v2/generations/{id}`.
public struct GenerationPollBody: Encodable, Sendable {
    public var generationID: String
    public var status: String
    public var created: String
    public var failureReason: String?
    public var responseType: String?
    public var data: [GenerationImageEntry]?
    public var usageCostUSDMicros: Int64?

    enum CodingKeys: String, CodingKey {
        case status, created, data
        case generationID = "generation_id"
        case failureReason = "failure_reason"
        case responseType = "response_type"
        case usageCostUSDMicros = "usage_cost_usd_micros"
    }
}
