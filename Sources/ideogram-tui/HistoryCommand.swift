import ArgumentParser
import Foundation
import IdeogramKit
import UpscaleQueue

/// Which history file to use: `--history`, else `IDEOGRAM_HISTORY`, else the XDG default.
struct HistoryLocation: ParsableArguments {
    static let help = ArgumentHelp("The history file (env IDEOGRAM_HISTORY). Default: $XDG_DATA_HOME/ideogram-tui/history.sqlite.",
                                   valueName: "path")

    @Option(name: .customLong("history"), help: help)
    var path: String?

    func resolved(environment: [String: String]) -> String {
        Self.resolve(path, environment: environment)
    }

    static func resolve(_ path: String?, environment: [String: String]) -> String {
        if let path, !path.isEmpty { return path }
        if let path = environment["IDEOGRAM_HISTORY"], !path.isEmpty { return path }
        return QueuePaths.defaultHistoryPath(environment: environment)
    }
}

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List past upscale jobs, newest first: state, seed, resolution, saved file and URL.",
        discussion: """
            States: queued, uploading, waiting, downloading, done, failed, rejected, cancelled,
            outcome_unknown (sent, no answer: it may have been billed).
            Piped, one tab-separated line per result (a job without results gets one line):
              job id <TAB> submitted (ISO 8601) <TAB> state <TAB> source <TAB> seed <TAB> resolution <TAB> saved file <TAB> url <TAB> detail
            ("-" for an empty field; detail is the failure, or why a result was not saved).
            With --json, one JSON object per job, one per line: id, state, detail, source,
            submitted_at, updated_at, attempts, endpoint, dialect, request, results (index,
            seed, resolution, prompt, url, outcome, file, sidecar, bytes).
            Exit code 9 when the history is busy or cannot be read.
            """
    )

    @Flag(help: "Print one JSON object per job.")
    var json = false

    @Option(help: "How many jobs to list, newest first.")
    var limit: Int = 50

    @OptionGroup var historyLocation: HistoryLocation

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be 1 or more") }
    }

    func run() throws {
        let path = historyLocation.resolved(environment: ProcessInfo.processInfo.environment)
        guard FileManager.default.fileExists(atPath: path) else {
            note("no history yet: \(path) does not exist (it is made by the first upscale)")
            return
        }
        let jobs: [Job]
        do {
            let history = try History.open(at: path, busyTimeout: .seconds(3))
            if let moved = history.movedAside { note(moved.description) }
            jobs = try history.recentJobs(limit: limit)
        } catch {
            ResultPrinter.fatalNow(error.description)
            throw ExitStatus.historyUnavailable.exitCode
        }
        let format: OutputFormat = json ? .json : (isatty(STDOUT_FILENO) == 1 ? .terminal : .plain)
        var text = ""
        for job in jobs {
            switch format {
            case .json: text += ResultPrinter.jsonLine(Self.jsonObject(job)) + "\n"
            case .plain: text += Self.plainLines(job).joined(separator: "\n") + "\n"
            case .terminal: text += Self.terminalLines(job).joined(separator: "\n") + "\n"
            }
        }
        if format == .terminal && jobs.isEmpty { text = "no jobs in \(path)\n" }
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    private func note(_ text: String) {
        FileHandle.standardError.write(Data((TerminalSafeText.sanitize(text, limit: 2000) + "\n").utf8))
    }

    static func detail(_ job: Job) -> String? {
        switch job.state {
        case .failed, .rejected, .outcomeUnknown: job.state.description
        default: nil
        }
    }

    static func plainLines(_ job: Job) -> [String] {
        let head = [job.id.rawValue, iso8601(job.submittedAt), job.state.name.rawValue, job.sourcePath]
        guard !job.results.isEmpty else {
            return [ResultPrinter.plain(head + [job.request.seed.map(String.init) ?? "-", "-", "-", "-", detail(job) ?? "-"])]
        }
        return job.results.map { result in
            var file = "-", why = detail(job) ?? "-"
            if case .saved(let saved) = result.outcome { file = saved.path } else { why = result.outcome.description }
            return ResultPrinter.plain(head + [String(result.seed), result.resolution, file, result.url ?? "-", why])
        }
    }

    static func terminalLines(_ job: Job) -> [String] {
        let safe = { (text: String) in TerminalSafeText.sanitize(text, limit: 300) }
        var lines = ["\(localTime(job.submittedAt))  \(job.state.name.rawValue)  \(safe(job.sourcePath))  (job \(job.id.rawValue.prefix(8)))"]
        if let detail = detail(job) { lines.append("    " + safe(detail)) }
        for result in job.results {
            let where_: String = if case .saved(let file) = result.outcome { safe(file.path) } else { result.outcome.description }
            lines.append("    seed \(result.seed)  \(safe(result.resolution))  \(where_)")
            if let url = result.url { lines.append("    " + TerminalSafeText.sanitize(url, limit: 2000)) }
        }
        return lines
    }

    static func jsonObject(_ job: Job) -> [String: Any] {
        let request = (try? JSONSerialization.jsonObject(with: Data(job.request.jsonString().utf8))) ?? [String: Any]()
        return [
            "id": job.id.rawValue, "state": job.state.name.rawValue, "detail": detail(job) ?? NSNull(), "source": job.sourcePath,
            "submitted_at": iso8601(job.submittedAt), "updated_at": iso8601(job.updatedAt), "attempts": job.attempts,
            "endpoint": job.endpoint.upscaleURL, "dialect": job.endpoint.dialect.rawValue, "request": request,
            "results": job.results.map { result -> [String: Any] in
                var object: [String: Any] = ["index": result.index, "seed": result.seed, "resolution": result.resolution,
                                             "prompt": result.prompt, "url": result.url ?? NSNull(), "file": NSNull(),
                                             "sidecar": NSNull(), "bytes": NSNull()]
                switch result.outcome {
                case .saved(let file):
                    object["outcome"] = "saved"
                    object["file"] = file.path
                    object["sidecar"] = file.sidecarPath ?? NSNull()
                    object["bytes"] = file.bytes
                case .pending: object["outcome"] = "pending"
                case .withheld: object["outcome"] = "withheld"
                case .expired: object["outcome"] = "expired"
                case .downloadFailed(let message): object["outcome"] = "download_failed"; object["error"] = message
                }
                return object
            },
        ]
    }

    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    static func localTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }
}
