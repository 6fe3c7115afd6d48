import Foundation
import IdeogramKit

/// The text forms of reports: readable lines for a terminal, tab-separated lines for scripts.
/// Every field from a file name or the network is made safe here (`TerminalSafeText`).
public enum ReportText {
    // MARK: upscale

    /// `upscale` piped: `ok|withheld|failed|duplicate|pending|held <TAB> source <TAB> saved file or
    /// message <TAB> resolution <TAB> seed <TAB> url`, one line per image ("-" for none).
    public static func upscalePlain(_ report: JobReport) -> [String] {
        let source = report.source
        if report.duplicate {
            guard !report.results.isEmpty else {
                return [tabSeparated(["duplicate", source, duplicateMessage(report), "-", report.request.seed.map(String.init) ?? "-", "-"])]
            }
            return report.results.map { tabSeparated(["duplicate", source, fileOrOutcome($0), $0.resolution, String($0.seed), $0.url ?? "-"]) }
        }
        if report.status == .heldByCap { return [tabSeparated(["held", source, report.error ?? "held by the spending cap", "-", "-", "-"])] }
        if report.isUnfinished { return [tabSeparated(["pending", source, report.error ?? "not finished", "-", "-", "-"])] }
        guard report.status == .done, !report.results.isEmpty else {
            return [tabSeparated(["failed", source, report.error ?? report.status.rawValue, "-", "-", "-"])]
        }
        return report.results.map { result in
            let word = switch result.outcome {
            case .saved, .notDownloaded: "ok"
            case .withheld: "withheld"
            case .expired, .downloadFailed: "failed"
            }
            return tabSeparated([word, source, fileOrOutcome(result), result.resolution, String(result.seed), result.url ?? "-"])
        }
    }

    /// `upscale` on a terminal: a symbol, the file and what became of it.
    public static func upscaleTerminal(_ report: JobReport) -> [String] {
        let name = safe(report.source)
        if report.duplicate {
            let files = report.results.compactMap(\.file)
            return ["= \(name): \(safe(duplicateMessage(report)))" + (files.isEmpty ? "" : " → " + safe(files.joined(separator: ", ")))]
        }
        if report.status == .heldByCap { return ["⏸ \(name): \(safe(report.error ?? "held by the spending cap"))"] }
        if report.isUnfinished { return ["… \(name): \(safe(report.error ?? "not finished"))"] }
        guard report.status == .done, !report.results.isEmpty else {
            return ["✗ \(name): \(safe(report.error ?? report.status.rawValue))"]
        }
        return report.results.map { result in
            let details = "\(safe(result.resolution, limit: 20))  seed \(result.seed)"
            return switch result.outcome {
            case .saved: "✓ \(name) → \(safe(result.file ?? "-"))  \(details)"
            case .notDownloaded: "✓ \(name)  \(details)  \(safe(result.url ?? "-", limit: 2000))"
            case .withheld: "⊘ \(name): result withheld by the safety check (seed \(result.seed)); the call is billed"
            case .expired, .downloadFailed: "✗ \(name): \(safe(fileOrOutcome(result)))  \(details)"
            }
        }
    }

    static func duplicateMessage(_ report: JobReport) -> String {
        "already upscaled with this request and seed (job \(report.jobID ?? "-"), \(report.status.rawValue)); not sent again, --force sends it"
    }

    // MARK: history

    /// `history` piped: `job id <TAB> submitted <TAB> state <TAB> source <TAB> seed <TAB>
    /// resolution <TAB> saved file <TAB> url <TAB> detail`, one line per image (or per job
    /// without images).
    public static func historyPlain(_ report: JobReport) -> [String] {
        let head = [report.jobID ?? "-", report.submittedAt.map(iso8601) ?? "-", report.status.rawValue, report.source]
        guard !report.results.isEmpty else {
            return [tabSeparated(head + [report.request.seed.map(String.init) ?? "-", "-", "-", "-", report.error ?? "-"])]
        }
        return report.results.map { result in
            let why = result.outcome == .saved ? report.error ?? "-" : outcomeText(result)
            return tabSeparated(head + [String(result.seed), result.resolution, result.file ?? "-", result.url ?? "-", why])
        }
    }

    /// `history` on a terminal: the job on one line, its failure and its images below.
    public static func historyTerminal(_ report: JobReport) -> [String] {
        let when = report.submittedAt.map(localTime) ?? "-"
        var lines = ["\(when)  \(report.status.rawValue)  \(safe(report.source))  (job \((report.jobID ?? "-").prefix(8)))"]
        if let error = report.error { lines.append("    " + safe(error)) }
        for result in report.results {
            lines.append("    seed \(result.seed)  \(safe(result.resolution, limit: 20))  \(safe(result.file ?? outcomeText(result)))")
            if let url = result.url { lines.append("    " + safe(url, limit: 2000)) }
        }
        return lines
    }

    // MARK: Pieces

    static func fileOrOutcome(_ result: ResultReport) -> String {
        result.outcome == .notDownloaded ? "-" : result.file ?? outcomeText(result)
    }

    static func outcomeText(_ result: ResultReport) -> String {
        switch result.outcome {
        case .saved: "saved to \(result.file ?? "-")"
        case .withheld: "withheld by the safety check"
        case .notDownloaded: "not downloaded yet"
        case .expired, .downloadFailed: result.error ?? result.outcome.rawValue
        }
    }

    /// Fields made safe (which turns their tabs and line breaks into spaces), joined by tabs.
    public static func tabSeparated(_ fields: [String]) -> String {
        fields.map { safe($0, limit: 2000) }.joined(separator: "\t")
    }

    public static func safe(_ text: String, limit: Int = 300) -> String {
        TerminalSafeText.sanitize(text, limit: limit)
    }

    /// Each line made safe on its own, so a message that lists several problems (one per bad
    /// file, then "nothing was sent") keeps one per line instead of running them together.
    public static func safeLines(_ text: String, limit: Int = 1000) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { safe(String($0), limit: limit) }.joined(separator: "\n")
    }

    static func iso8601(_ date: Date) -> String {
        date.formatted(JobReport.timeFormat)
    }

    static func localTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }
}
