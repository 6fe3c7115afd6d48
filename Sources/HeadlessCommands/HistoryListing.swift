import AppSettings
import Foundation
import IdeogramKit
import UpscaleQueue

/// `history`: past jobs, newest first, as readable lines on a terminal, tab-separated lines
/// when piped, or `JobReport` JSON lines.
public struct HistoryListing: Sendable {
    public var json = false
    /// Spending per day and model instead of the jobs (`SpendingRow`).
    public var spend = false
    public var limit = 50
    public var historyPath: String?
    public var configPath: String?

    public init() {}

    /// Lists the jobs; the exit status (9 when the history is busy or cannot be read).
    public func run(environment: [String: String], output: ConsoleOutput = .standard) -> ExitStatus {
        var flags = SettingValues()
        flags.historyPath = historyPath
        let settings: Settings
        do { settings = try Settings.resolve(flags: flags, configPath: configPath, environment: environment) } catch {
            output.err("ideogram-tui: " + error.description + "\n")
            return .badInput
        }
        let path = settings.historyPath
        guard FileManager.default.fileExists(atPath: path) else {
            output.err(ReportText.safe("no history yet: \(path) does not exist (it is made by the first upscale)", limit: 2000) + "\n")
            return .success
        }
        let jobs: [Job]
        do {
            let history = try History.open(at: path, busyTimeout: .seconds(3))
            if let moved = history.movedAside { output.err(ReportText.safe(moved.description, limit: 2000) + "\n") }
            jobs = spend ? try history.jobsSent() : try history.recentJobs(limit: limit)
        } catch {
            output.err("ideogram-tui: " + ReportText.safeLines(error.description) + "\n")
            return .historyUnavailable
        }
        if spend {
            output.out(spendingText(SpendingRow.rows(jobs, legacyPriceUSDMicros: settings.legacyPriceUSDMicros), json: json))
            return .success
        }
        output.out(text(jobs.map { JobReport($0, legacyPriceUSDMicros: settings.legacyPriceUSDMicros) }, format: .forStandardOutput(json: json), path: path))
        return .success
    }

    /// `--spend`: a JSON object per (day, model) row, or the text table with its total.
    func spendingText(_ rows: [SpendingRow], json: Bool) -> String {
        let lines: [String]
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            // Strings and numbers only: encoding cannot fail.
            lines = rows.map { String(decoding: (try? encoder.encode($0)) ?? Data("{}".utf8), as: UTF8.self) }
        } else {
            lines = ReportText.spending(rows)
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// The listing in `format`, a line per report (a line per image in the text forms).
    func text(_ reports: [JobReport], format: OutputFormat, path: String) -> String {
        if format == .terminal && reports.isEmpty { return ReportText.safe("no jobs in \(path)", limit: 2000) + "\n" }
        let encoder = JobReport.makeEncoder()
        let lines = reports.flatMap { report in
            switch format {
            case .json: [report.jsonLine(using: encoder)]
            case .plain: ReportText.historyPlain(report)
            case .terminal: ReportText.historyTerminal(report)
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }
}
