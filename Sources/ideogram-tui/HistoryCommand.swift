import ArgumentParser
import Foundation
import HeadlessCommands

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List past upscale jobs, newest first: state, seed, resolution, saved file and URL.",
        // One line per paragraph: swift-argument-parser wraps each at the terminal's width.
        discussion: """
            States: queued, uploading, waiting, downloading, done, failed, rejected, cancelled, outcome_unknown \
            (sent, no answer: it may have been billed).

            Piped, one tab-separated line per result (a job without results gets one line), with the fields job \
            id, submitted (ISO 8601, UTC), state, source, seed, resolution, saved file, url and detail ("-" for an \
            empty field; detail is the failure, or why a result was not saved).

            With --json, one JSON object per job, one per line, in the schema `upscale --json` uses (job_id, \
            source, status, error, request, results, ...; see docs/json-output.md).

            With --spend, what was spent per local day (the day each job was sent) and per model, then a total: \
            tab-separated columns day, model, jobs, billed, may_have_been_billed (sent, not settled: counted at its \
            quote or estimate) and figures (exact, or estimate). v2 amounts are what the service billed; legacy \
            amounts are estimates, billed images times config.toml's legacy_price_usd (default 0.06), shown as \
            ~$0.12. With --json, one JSON object per (day, model) row (see docs/json-output.md).

            The history is --history, else IDEOGRAM_HISTORY, else config.toml's history_file. Exit code 9 when \
            the history is busy or cannot be read.
            """
    )

    @Flag(help: "Print one JSON object per job (with --spend: per day and model).")
    var json = false

    @Flag(help: "Print spending per day and per model, and a total (legacy amounts are estimates).")
    var spend = false

    // `.unconditional`: `--limit -1` is a value to refuse, not an unknown option.
    @Option(parsing: .unconditional, help: "How many jobs to list, newest first.")
    var limit: Int = 50

    @OptionGroup var storage: StorageOptions

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be 1 or more") }
    }

    func run() throws {
        var listing = HistoryListing()
        listing.json = json
        listing.spend = spend
        listing.limit = limit
        listing.historyPath = storage.history
        listing.configPath = storage.config
        let status = listing.run(environment: ProcessInfo.processInfo.environment)
        if status != .success { throw status.exitCode }
    }
}
