/// An offline price, from the per-megapixel figures Ideogram's quotes showed in October 2026:
/// only for when no quote can be had, and always labelled an estimate.
public enum PriceEstimate {
    /// nano-banana-pro is priced per tier, not per megapixel.
    static func tierMicros(_ tier: ResolutionTier) -> Int64 {
        switch tier {
        case .oneK, .twoK: 134_400
        case .fourK: 240_000
        }
    }

    public static func quote(_ request: V2Request, width: Int, height: Int) -> PriceQuote {
        if request.model == .nanoBananaPro {
            let tier = request.values[.resolutionTier]?.text.flatMap(ResolutionTier.init) ?? .twoK
            return PriceQuote(usdMicros: tierMicros(tier), qualifier: .estimate)
        }
        let out = request.outputSize(width: width, height: height) ?? (width, height)
        let pixels = Int64(out.width) * Int64(out.height)
        return PriceQuote(usdMicros: pixels * request.model.estimatedMicrosPerMegapixel / 1_000_000, qualifier: .estimate)
    }
}
