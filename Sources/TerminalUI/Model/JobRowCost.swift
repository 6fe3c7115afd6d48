import IdeogramKit

/// What a job costs as far as its row knows: the amount billed once the service said it, else
/// the quote the user saw before sending, else (legacy jobs) the configured per-image price.
/// Only a billed amount is a fact; the others are labelled as what they are.
public enum JobRowCost: Hashable, Sendable {
    case billed(Int64)
    case quoted(PriceQuote)
    case estimate(Int64)

    /// "$0.13", "~$0.13 quoted", "~$0.06 estimate".
    public var text: String {
        switch self {
        case .billed(let micros): USDMicros.text(micros)
        case .quoted(let quote): "~\(USDMicros.text(quote.usdMicros)) quoted"
        case .estimate(let micros): "~\(USDMicros.text(micros)) estimate"
        }
    }

    /// The amount alone, for a narrow row: "~" still says it is not a billed figure.
    public var shortText: String {
        switch self {
        case .billed(let micros): USDMicros.text(micros)
        case .quoted(let quote): "~\(USDMicros.text(quote.usdMicros))"
        case .estimate(let micros): "~\(USDMicros.text(micros))"
        }
    }
}

extension JobRow {
    /// The job's cost; `legacyPriceUSDMicros` prices a legacy image (nil: legacy jobs show none).
    /// A legacy job that ended without an answer it could be billed for shows nothing.
    public func cost(legacyPriceUSDMicros: Int64?) -> JobRowCost? {
        if let generation {
            if let billed = generation.billedUSDMicros { return .billed(billed) }
            return generation.quote.map(JobRowCost.quoted)
        }
        guard let price = legacyPriceUSDMicros else { return nil }
        let images = switch state {
        case .done: billedImages
        case _ where state.isInFlight || mayHaveBeenBilled: request.numImages
        default: 0
        }
        return images > 0 ? .estimate(price * Int64(images)) : nil
    }
}
