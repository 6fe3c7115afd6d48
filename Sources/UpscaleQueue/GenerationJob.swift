import IdeogramKit

/// The v2 side of a job: the request sent to a model, and once accepted the generation to poll,
/// the quote the user saw and what was billed in the end.
public struct GenerationJob: Sendable, Equatable {
    public let request: V2Request
    /// Known once the service accepted the work; from then on the job is polled, never sent again.
    public internal(set) var generationID: String?
    /// The price asked before sending: given at submission, else asked by the queue (free).
    public internal(set) var quote: PriceQuote?
    /// Set when the job ends: the poll's `usage_cost_usd_micros`, else the quote for a
    /// completed generation; 0 for a failed or refused one.
    public internal(set) var billedUSDMicros: Int64?

    init(request: V2Request, quote: PriceQuote?) {
        self.request = request
        self.quote = quote
    }

    init(request: V2Request, generationID: String?, quote: PriceQuote?, billedUSDMicros: Int64?) {
        self.request = request
        self.generationID = generationID
        self.quote = quote
        self.billedUSDMicros = billedUSDMicros
    }
}
