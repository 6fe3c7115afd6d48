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
    /// Jobs read and written at a time: large enough that reads and writes are few, small
    /// enough to hold.
    var pageSize = 500

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
        let history: History
        do {
            history = try History.open(at: path, busyTimeout: .seconds(3))
        } catch {
            output.err("ideogram-tui: " + ReportText.safeLines(error.description) + "\n")
            return .historyUnavailable
        }
        if let moved = history.movedAside { output.err(ReportText.safe(moved.description, limit: 2000) + "\n") }
        do {
            if spend {
                let rows = SpendingRow.rows(try history.jobsSent(), legacyPriceUSDMicros: settings.legacyPriceUSDMicros)
                output.out(spendingText(rows, json: json))
            } else {
                try listJobs(history, legacyPriceUSDMicros: settings.legacyPriceUSDMicros, output: output)
            }
        } catch {
            output.err("ideogram-tui: " + ReportText.safeLines(error.description) + "\n")
            return .historyUnavailable
        }
        return .success
    }

    /// Jobs read and written a page at a time, newest first: the first lines come out at once and
    /// memory stays that of a page, however long the history.
    private func listJobs(_ history: History, legacyPriceUSDMicros: Int64, output: ConsoleOutput) throws(HistoryError) {
        let format = OutputFormat.forStandardOutput(json: json)
        var listed = 0
        var oldest: Int64?
        repeat {
            let jobs = try history.recentJobs(limit: min(pageSize, limit - listed), olderThan: oldest)
            if jobs.isEmpty && listed == 0 && format == .terminal {
                output.out(ReportText.safe("no jobs in \(history.path)", limit: 2000) + "\n")
            }
            guard let last = jobs.last else { return }
            output.out(text(jobs.map { JobReport($0, legacyPriceUSDMicros: legacyPriceUSDMicros) }, format: format))
            listed += jobs.count
            oldest = last.sequence
        } while listed < limit
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

    /// Reports in `format`, a line per report (a line per image in the text forms).
    func text(_ reports: [JobReport], format: OutputFormat) -> String {
        switch format {
        case .json:
            var writer = JSONLineWriter()
            for report in reports {
                report.write(to: &writer)
                writer.newline()
            }
            return writer.text
        case .plain: return reports.flatMap(ReportText.historyPlain).map { $0 + "\n" }.joined()
        case .terminal: return reports.flatMap(ReportText.historyTerminal).map { $0 + "\n" }.joined()
        }
    }
}
