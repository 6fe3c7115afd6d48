import Foundation
import IdeogramKit
import UpscaleQueue

/// `history --spend`: what was spent per local day and per model (`legacy` or a v2 model), from
/// every job ever sent. v2 figures are what the service billed; legacy figures are estimates
/// (billed images times `legacy_price_usd`) and say so.
public struct SpendingRow: Codable, Sendable, Equatable {
    /// The local day the jobs were sent, `YYYY-MM-DD`.
    public var day: String
    public var model: String
    /// Jobs sent that day with this model.
    public var jobs: Int
    /// Billed (legacy: estimated).
    public var billedUSDMicros: Int64
    /// Sent and not settled: in progress, or the answer was lost. Counted at the quote or estimate.
    public var mayHaveBeenBilledUSDMicros: Int64
    /// The figures are the legacy per-image estimate, not the service's.
    public var isEstimate: Bool

    enum CodingKeys: String, CodingKey {
        case day, model, jobs
        case billedUSDMicros = "billed_usd_micros"
        case mayHaveBeenBilledUSDMicros = "may_have_been_billed_usd_micros"
        case isEstimate = "is_estimate"
    }

    /// Rows per (day, model), oldest day first, models by name within a day.
    public static func rows(_ jobs: [Job], legacyPriceUSDMicros: Int64, calendar: Calendar = .current) -> [SpendingRow] {
        var rows: [String: SpendingRow] = [:]
        for job in jobs {
            guard let sent = job.sentAt, let spend = job.spend(legacyPriceUSDMicros: legacyPriceUSDMicros) else { continue }
            let day = dayText(sent, calendar: calendar)
            let key = day + "\n" + job.modelName
            var row = rows[key] ?? SpendingRow(day: day, model: job.modelName, jobs: 0, billedUSDMicros: 0,
                                               mayHaveBeenBilledUSDMicros: 0, isEstimate: spend.isEstimate)
            row.jobs += 1
            row.billedUSDMicros += spend.billedUSDMicros
            row.mayHaveBeenBilledUSDMicros += spend.unknownUSDMicros
            rows[key] = row
        }
        return rows.values.sorted { ($0.day, $0.model) < ($1.day, $1.model) }
    }

    static func dayText(_ date: Date, calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        func two(_ n: Int?) -> String { (n ?? 0) < 10 ? "0\(n ?? 0)" : "\(n ?? 0)" }
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day))"
    }
}

extension ReportText {
    /// `history --spend` as text: `day <TAB> model <TAB> jobs <TAB> billed <TAB> may have been
    /// billed <TAB> exact|estimate`, then a `total` line; legacy amounts read `~$0.12`.
    public static func spending(_ rows: [SpendingRow]) -> [String] {
        func amount(_ micros: Int64, estimate: Bool) -> String { (estimate && micros > 0 ? "~" : "") + USDMicros.text(micros) }
        var lines = [tabSeparated(["day", "model", "jobs", "billed", "may_have_been_billed", "figures"])]
        for row in rows {
            lines.append(tabSeparated([row.day, row.model, String(row.jobs), amount(row.billedUSDMicros, estimate: row.isEstimate),
                                       amount(row.mayHaveBeenBilledUSDMicros, estimate: row.isEstimate), row.isEstimate ? "estimate" : "exact"]))
        }
        let estimated = rows.filter(\.isEstimate).reduce(Int64(0)) { $0 + $1.billedUSDMicros + $1.mayHaveBeenBilledUSDMicros }
        let billed = rows.reduce(Int64(0)) { $0 + $1.billedUSDMicros }
        let unknown = rows.reduce(Int64(0)) { $0 + $1.mayHaveBeenBilledUSDMicros }
        lines.append(tabSeparated(["total", "-", String(rows.reduce(0) { $0 + $1.jobs }), USDMicros.text(billed), USDMicros.text(unknown),
                                   estimated > 0 ? "includes ~\(USDMicros.text(estimated)) estimate" : "exact"]))
        return lines
    }
}
