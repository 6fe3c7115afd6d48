import Foundation
import IdeogramKit

/// The v2 side of a job row: the model and fields sent, the generation to follow, and money.
/// Nil on a legacy job's row.
public struct JobRowGeneration: Hashable, Sendable {
    public var request: V2Request
    /// Known once the service accepted the work.
    public var generationID: String?
    /// The price the user saw before sending, when one was asked.
    public var quote: PriceQuote?
    /// What the job cost once it ended: the service's figure, else the quote; 0 when failed.
    public var billedUSDMicros: Int64?
    /// The service's own word when the generation failed (`content_policy_violation`), raw.
    public var failureReason: String?

    public init(request: V2Request, generationID: String? = nil, quote: PriceQuote? = nil, billedUSDMicros: Int64? = nil,
                failureReason: String? = nil) {
        self.request = request
        self.generationID = generationID
        self.quote = quote
        self.billedUSDMicros = billedUSDMicros
        self.failureReason = failureReason
    }
}
