import Foundation
import IdeogramClient
import IdeogramKit
import UpscaleQueue

/// `upscale --quote`: the price of every file with the v2 request (`?dry_run=true`, free),
/// a line each and a total, or one JSON object per file. Nothing billable is sent, nothing is
/// queued or recorded.
struct QuoteRun: Sendable {
    let plan: UpscalePlan
    let json: Bool
    let output: ConsoleOutput

    /// 0 when every file was quoted, else the status of the first failure.
    func run() async -> ExitStatus {
        guard let request = plan.generation else { return .badInput }
        let network = LiveNetwork(credentials: [(plan.endpoint, plan.key)], timeouts: plan.timeouts)
        let client = UpscaleClient(endpoint: plan.endpoint, key: plan.key, http: network.http, timeouts: plan.timeouts)
        var quotes: [PriceQuote] = []
        var first: ExitStatus?
        for file in plan.files {
            do throws(UpscaleError) {
                let image: SourceImage
                do { image = try SourceImage.load(path: file, maxBytes: plan.queueConfiguration.maxUploadBytes) } catch {
                    throw .invalidImage(error)
                }
                let quote = try await client.quote(image: image, request: request)
                quotes.append(quote)
                write(QuoteReport(source: file, model: request.model, quote: quote, error: nil))
            } catch {
                first = first ?? ExitStatus(error.category)
                write(QuoteReport(source: file, model: request.model, quote: nil, error: error.description))
            }
        }
        if !json && !quotes.isEmpty { output.out(ReportText.tabSeparated(["total", Self.total(quotes)]) + "\n") }
        try? await network.shutdown()
        return first ?? .success
    }

    private func write(_ report: QuoteReport) {
        if json {
            output.out(report.jsonLine() + "\n")
        } else if let quote = report.quote {
            output.out(ReportText.tabSeparated([report.source, quote.text]) + "\n")
        } else {
            output.err("ideogram-tui: \(ReportText.safe(report.source)): \(ReportText.safeLines(report.error ?? ""))\n")
        }
    }

    /// The sum, marked "~" when any part is an estimate.
    static func total(_ quotes: [PriceQuote]) -> String {
        let sum = quotes.reduce(Int64(0)) { $0 + $1.usdMicros }
        return (quotes.contains { $0.qualifier == .estimate } ? "~" : "") + USDMicros.text(sum)
    }
}

/// One file's quote as `--quote --json` prints it; every key always present.
struct QuoteReport: Encodable {
    var source: String
    var model: UpscaleModel
    var quote: PriceQuote?
    var error: String?

    enum CodingKeys: String, CodingKey {
        case source, model, error, qualifier
        case quoteUSDMicros = "quote_usd_micros"
        case upperBoundUSDMicros = "upper_bound_usd_micros"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(source, forKey: .source)
        try container.encode(model, forKey: .model)
        try container.encode(quote?.usdMicros, forKey: .quoteUSDMicros)
        try container.encode(quote?.qualifier, forKey: .qualifier)
        try container.encode(quote?.upperBoundUSDMicros, forKey: .upperBoundUSDMicros)
        try container.encode(error, forKey: .error)
    }

    func jsonLine() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
