/// What a v2 upscale costs: per output megapixel, rounded up to the next millionth of a dollar
/// (1024x1024 at x2 with topaz-standard-2 is 125830, as quoted), or the tier's flat price.
enum V2Pricing {
    static func quote(_ parameters: V2Parameters, output: ResultResolution) -> PriceQuoteBody {
        let model = parameters.model
        if let tier = parameters.tier {
            return body(model, micros: tier.micros, qualifier: "exact")
        }
        let pixels = Int64(output.width) * Int64(output.height)
        let micros = perMegapixel(pixels, model.microsPerMegapixel)
        guard model == .auto else { return body(model, micros: micros, qualifier: "exact") }
        // auto picks the upscaler per image: the price is an estimate, bounded by the dearest one.
        var quote = body(model, micros: micros, qualifier: "estimate")
        quote.upperBoundUSDMicros = perMegapixel(pixels, V2Model.autoUpperBoundMicrosPerMegapixel)
        return quote
    }

    private static func perMegapixel(_ pixels: Int64, _ micros: Int64) -> Int64 {
        (pixels * micros + 999_999) / 1_000_000
    }

    private static func body(_ model: V2Model, micros: Int64, qualifier: String) -> PriceQuoteBody {
        // Credits are tenths of a cent: 1 credit milli is 10 micros.
        PriceQuoteBody(billingIdentifier: model.billingIdentifier, usdMicros: micros, creditMillis: (micros + 9) / 10,
                       qualifier: qualifier)
    }
}
