/// The v2 part of a result's sidecar: what was asked of which model, the generation that
/// answered, what it was quoted and what it cost.
public struct GenerationSidecar: Sendable, Equatable, Codable {
    public var model: UpscaleModel
    /// The form parts sent, by name, as sent.
    public var fields: [String: String]
    public var generationID: String
    public var quote: PriceQuote?
    public var billedUSDMicros: Int64?

    public init(request: V2Request, generationID: String, quote: PriceQuote?, billedUSDMicros: Int64?) {
        model = request.model
        fields = Dictionary(uniqueKeysWithValues: request.formFields.map { ($0.name, $0.value) })
        self.generationID = generationID
        self.quote = quote
        self.billedUSDMicros = billedUSDMicros
    }

    enum CodingKeys: String, CodingKey {
        case model, fields, quote
        case generationID = "generation_id"
        case billedUSDMicros = "billed_usd_micros"
    }
}
