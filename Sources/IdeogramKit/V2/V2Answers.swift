import Foundation

/// The 200 answer of a v2 upscale. With `async=true` (how this client sends every v2 job) only
/// `generation_id` matters: from then on the job is polled, never sent again.
public struct GenerationAccepted: Sendable, Equatable, Codable {
    public var generationID: String
    public var seed: Int?
    public var width: Int?
    public var height: Int?
    public var data: [GeneratedImage]?

    public init(generationID: String, seed: Int? = nil, width: Int? = nil, height: Int? = nil, data: [GeneratedImage]? = nil) {
        self.generationID = generationID
        self.seed = seed
        self.width = width
        self.height = height
        self.data = data
    }

    enum CodingKeys: String, CodingKey {
        case seed, width, height, data
        case generationID = "generation_id"
    }
}

/// One image of a completed generation. `url` is null or empty when the safety check withheld
/// it (still billed). Unknown fields (`object_type`...) are ignored.
public struct GeneratedImage: Sendable, Equatable, Codable {
    public var url: String?
    public var resolution: String?
    public var seed: Int?
    public var isImageSafe: Bool
    public var assetID: String?

    public init(url: String?, resolution: String?, seed: Int?, isImageSafe: Bool, assetID: String? = nil) {
        self.url = url
        self.resolution = resolution
        self.seed = seed
        self.isImageSafe = isImageSafe
        self.assetID = assetID
    }

    /// Withheld by the safety check: no URL to download.
    public var isWithheld: Bool { !isImageSafe || (url ?? "").isEmpty }

    enum CodingKeys: String, CodingKey {
        case url, resolution, seed
        case isImageSafe = "is_image_safe"
        case assetID = "asset_id"
    }
}

/// `GET /v2/generations/{id}`: pending, then completed (with data and maybe the amount billed)
/// or failed (with a reason, not billed).
public struct GenerationPoll: Sendable, Equatable, Codable {
    public enum Status: Sendable, Equatable, Codable {
        case pending, completed, failed
        /// A status this client does not know: treated as still pending.
        case other(String)

        public init(from decoder: any Decoder) throws {
            let text = try decoder.singleValueContainer().decode(String.self)
            self = switch text {
            case "pending": .pending
            case "completed": .completed
            case "failed": .failed
            default: .other(text)
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(text)
        }

        public var text: String {
            switch self {
            case .pending: "pending"
            case .completed: "completed"
            case .failed: "failed"
            case .other(let text): text
            }
        }
    }

    public var generationID: String
    public var status: Status
    public var failureReason: String?
    public var data: [GeneratedImage]?
    public var usageCostUSDMicros: Int64?

    public init(generationID: String, status: Status, failureReason: String? = nil, data: [GeneratedImage]? = nil,
                usageCostUSDMicros: Int64? = nil) {
        self.generationID = generationID
        self.status = status
        self.failureReason = failureReason
        self.data = data
        self.usageCostUSDMicros = usageCostUSDMicros
    }

    enum CodingKeys: String, CodingKey {
        case status, data
        case generationID = "generation_id"
        case failureReason = "failure_reason"
        case usageCostUSDMicros = "usage_cost_usd_micros"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        generationID = try c.decode(String.self, forKey: .generationID)
        status = try c.decode(Status.self, forKey: .status)
        failureReason = try c.decodeIfPresent(String.self, forKey: .failureReason)
        data = try c.decodeIfPresent([GeneratedImage].self, forKey: .data)
        usageCostUSDMicros = try USDMicros.decodePlausible(c, .usageCostUSDMicros)
    }
}

/// `?dry_run=true`: what the same request would cost. Nothing runs, nothing is billed.
public struct PriceQuote: Sendable, Equatable, Hashable, Codable {
    public enum Qualifier: String, Sendable, Codable, Hashable {
        case exact, estimate
    }

    public var usdMicros: Int64
    public var qualifier: Qualifier
    public var upperBoundUSDMicros: Int64?

    public init(usdMicros: Int64, qualifier: Qualifier, upperBoundUSDMicros: Int64? = nil) {
        self.usdMicros = usdMicros
        self.qualifier = qualifier
        self.upperBoundUSDMicros = upperBoundUSDMicros
    }

    enum CodingKeys: String, CodingKey {
        case qualifier
        case usdMicros = "usd_micros"
        case upperBoundUSDMicros = "upper_bound_usd_micros"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        qualifier = try c.decode(Qualifier.self, forKey: .qualifier)
        guard let micros = try USDMicros.decodePlausible(c, .usdMicros) else {
            throw DecodingError.keyNotFound(CodingKeys.usdMicros, .init(codingPath: c.codingPath, debugDescription: "no usd_micros"))
        }
        usdMicros = micros
        upperBoundUSDMicros = try USDMicros.decodePlausible(c, .upperBoundUSDMicros)
    }

    /// "$0.42", or "~$0.42 (estimate)" / "~$0.42 (estimate, at most $0.60)".
    public var text: String {
        guard qualifier == .estimate else { return USDMicros.text(usdMicros) }
        let bound = upperBoundUSDMicros.map { ", at most \(USDMicros.text($0))" } ?? ""
        return "~\(USDMicros.text(usdMicros)) (estimate\(bound))"
    }
}

/// Money in millionths of a dollar, as the API counts it, so sums never round.
public enum USDMicros {
    /// What one image can plausibly cost: $0 to $1,000,000. An amount outside it is a malformed
    /// answer, refused where it is read, so sums of any number of jobs cannot overflow.
    public static let plausible: ClosedRange<Int64> = 0...1_000_000_000_000

    static func decodePlausible<Key: CodingKey>(_ c: KeyedDecodingContainer<Key>, _ key: Key) throws -> Int64? {
        guard let value = try c.decodeIfPresent(Int64.self, forKey: key) else { return nil }
        guard plausible.contains(value) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "\(value) micro-dollars is not a price")
        }
        return value
    }

    /// Cents shown, with more digits when a price is under a cent: "$0.42", "$12.00", "$0.0031".
    public static func text(_ micros: Int64) -> String {
        let sign = micros < 0 ? "-" : ""
        let value = micros.magnitude  // unsigned: Int64.min, which a service may send, has no positive Int64
        let dollars = value / 1_000_000
        let fraction = value % 1_000_000
        if value > 0 && value < 10_000 {
            var digits = String(fraction)
            while digits.count < 6 { digits = "0" + digits }
            while digits.hasSuffix("0") { digits.removeLast() }
            return "\(sign)$0.\(digits)"
        }
        let cents = (fraction + 5_000) / 10_000
        let carried = dollars + cents / 100
        let rest = cents % 100
        return "\(sign)$\(carried).\(rest < 10 ? "0" : "")\(rest)"
    }
}
