import IdeogramKit

/// What a set of submissions costs, as the confirmation says it: the quotes summed, an
/// offline estimate where no quote is known, and the legacy per-image estimate. Micro-dollars.
struct SubmissionPrice: Hashable {
    var micros: Int64 = 0
    /// Some part is an estimate, not a quote.
    var isEstimate = false
    /// Submissions with no price at all (a v2 image whose size is not known yet).
    var missing = 0
    /// Each submission's price, in order (0 when missing), for the cap.
    var each: [Int64] = []

    init(_ submissions: [JobSubmission], _ state: AppState) {
        for submission in submissions {
            let price = Self.price(submission, state)
            if let price {
                micros += price.usdMicros
                isEstimate = isEstimate || price.qualifier == .estimate
            } else {
                missing += 1
            }
            each.append(price?.usdMicros ?? 0)
        }
    }

    /// The quote sent with the job, else one known for its image, else the offline estimate.
    static func price(_ submission: JobSubmission, _ state: AppState) -> PriceQuote? {
        guard let request = submission.v2Request else {
            return PriceQuote(usdMicros: state.legacyPriceUSDMicros * Int64(submission.request.numImages), qualifier: .estimate)
        }
        if let quote = submission.quote { return quote }
        let size = PaneImage.size(of: submission.sourcePath, state)
        let key = QuoteKey(sourcePath: submission.sourcePath, request: request, width: size?.width, height: size?.height)
        if let quote = state.quotes.quote(key) ?? state.quotes.quote(QuoteKey(sourcePath: submission.sourcePath, request: request)) {
            return quote
        }
        return size.map { PriceEstimate.quote(request, width: $0.width, height: $0.height) }
    }

    /// "$0.84", "~$0.84", "~$0.84 (1 without a price)".
    var text: String {
        let approximate = isEstimate || missing > 0
        return (approximate ? "~" : "") + USDMicros.text(micros) + (missing > 0 ? " (\(missing) without a price)" : "")
    }

    /// The question's lines about money: the model and total, today's spend after it, and
    /// what the spending cap would stop.
    func lines(model: String, _ state: AppState) -> [String] {
        var lines = ["Model \(model) · total \(text)"]
        guard let spend = state.spend else {
            lines.append("Today's spend is not known yet.")
            return lines
        }
        let after = spend.todayUSDMicros + micros
        let approximate = spend.estimatedUSDMicros > 0 || isEstimate || missing > 0
        let now = (spend.estimatedUSDMicros > 0 ? "~" : "") + USDMicros.text(spend.todayUSDMicros)
        var today = "Today \(now) → \(approximate ? "~" : "")\(USDMicros.text(after)) after this"
        if let cap = spend.capUSDMicros { today += " (cap \(USDMicros.text(cap)))" }
        lines.append(today)
        if let cap = spend.capUSDMicros, after > cap {
            var room = cap - spend.todayUSDMicros
            var fitting = 0
            for price in each where price <= room {
                room -= price
                fitting += 1
            }
            let stopped = each.count - fitting
            lines.append(each.count == 1 || fitting == 0
                         ? "The spending cap would stop \(each.count == 1 ? "it" : "all \(each.count)"): raise the cap to send."
                         : "The spending cap would stop \(stopped) of \(each.count): only \(fitting) fit under it.")
        }
        return lines
    }
}
