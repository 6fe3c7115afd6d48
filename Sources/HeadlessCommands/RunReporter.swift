import Foundation
import IdeogramKit
import UpscaleQueue

/// How per-file reports are written on stdout.
public enum OutputFormat: Sendable {
    case terminal, plain, json

    /// JSON when asked, else readable lines on a terminal and tab-separated ones when piped.
    public static func forStandardOutput(json: Bool) -> OutputFormat {
        json ? .json : (isatty(STDOUT_FILENO) == 1 ? .terminal : .plain)
    }
}

/// Writes what happens in an `upscale` run. On stdout, one report per source file as it
/// finishes (`ReportText`, or a `JobReport` JSON line). On stderr: notes, and when stderr is a
/// terminal, the live block of the jobs in flight and a summary.
actor RunReporter {
    let format: OutputFormat
    let live: Bool
    /// Absolute source path -> the path as the user typed it.
    private let labels: [String: String]
    private let output: ConsoleOutput
    /// Legacy jobs' cost is estimated at this per-image price in the reports.
    private let legacyPriceUSDMicros: Int64

    private var block = LiveBlock()
    private var reported: Set<JobID> = []
    private var expected = 0
    private var tally = RunTally()
    private var drawnLines = 0
    private var lastDraw: ContinuousClock.Instant?
    private let started = ContinuousClock.now

    init(format: OutputFormat, live: Bool, labels: [String: String] = [:], output: ConsoleOutput = .standard,
         legacyPriceUSDMicros: Int64 = QueueConfiguration.defaultLegacyPriceUSDMicros) {
        self.legacyPriceUSDMicros = legacyPriceUSDMicros
        self.format = format
        self.live = live
        self.labels = labels
        self.output = output
    }

    /// How many files the live status line counts.
    func expect(_ count: Int) {
        expected += count
    }

    // MARK: Queue events

    /// Whether `handle` does anything with the event: without the live block only finished
    /// jobs and pauses matter, so the others need not hop onto this actor (400 jobs make about
    /// 3 000 events).
    nonisolated static func wants(_ event: QueueEvent, live: Bool) -> Bool {
        if live { return true }
        switch event {
        case .transition(let job, _): return job.state.isFinished
        case .paused: return true
        default: return false
        }
    }

    func handle(_ event: QueueEvent) {
        switch event {
        case .transition(let job, _) where job.state.isFinished:
            report(job)
        case .paused(let reason):
            note(reason.description)
        default:
            // Events come far faster than anyone reads: at most ten frames a second.
            if block.apply(event, label: label) { redraw(throttled: true) }
        }
    }

    private func label(_ sourcePath: String) -> String {
        labels[sourcePath] ?? sourcePath
    }

    // MARK: Reports, one per source file

    /// Reports a finished job once; later calls for the same job do nothing.
    func report(_ job: Job, source: String? = nil) {
        guard reported.insert(job.id).inserted else { return }
        block.end(job.id)
        write(JobReport(job, source: source ?? label(job.sourcePath), legacyPriceUSDMicros: legacyPriceUSDMicros))
    }

    /// A job this run leaves unfinished: it stays in the history for the next run.
    func pending(_ job: Job, source: String? = nil, reason: String) {
        reported.insert(job.id)
        block.end(job.id)
        var report = JobReport(job, source: source ?? label(job.sourcePath), legacyPriceUSDMicros: legacyPriceUSDMicros)
        report.error = job.state == .downloading
            ? "\(reason); the download resumes when ideogram-tui next opens the history"
            : "\(reason); not sent, it stays queued: `ideogram-tui upscale --resume` sends it"
        write(report)
    }

    /// A job held by the daily spending cap: nothing was sent; it stays queued for `--resume`.
    func held(_ job: Job, source: String? = nil) {
        reported.insert(job.id)
        block.end(job.id)
        var report = JobReport(job, source: source ?? label(job.sourcePath), legacyPriceUSDMicros: legacyPriceUSDMicros)
        report.error = (report.error ?? "held by the spending cap") + "; it stays queued: `ideogram-tui upscale --resume` sends it once it fits"
        write(report)
    }

    /// Writes one source file's report (also for a file refused before it was queued, or not
    /// sent because an earlier job did it), counted for the summary.
    func write(_ report: JobReport) {
        tally.count(report)
        let lines = switch format {
        case .json: [report.jsonLine()]
        case .plain: ReportText.upscalePlain(report)
        case .terminal: ReportText.upscaleTerminal(report)
        }
        eraseBlock()
        output.out(lines.map { $0 + "\n" }.joined())
        redraw()
    }

    // MARK: Notes and the end

    func note(_ text: String) {
        eraseBlock()
        output.err(ReportText.safe(text, limit: 2000) + "\n")
        redraw()
    }

    func fatal(_ message: String) {
        eraseBlock()
        output.err("ideogram-tui: " + ReportText.safeLines(message) + "\n")
    }

    /// Erases the live block and, on a terminal, writes the summary.
    func finish(stoppedBy signal: String?) {
        guard live else { return }
        eraseBlock()
        block.clear()
        output.err((signal.map { "stopped by \($0): " } ?? "") + tally.summary(elapsed: .now - started) + "\n")
    }

    /// Redraws the live block (elapsed times move on even when no event comes).
    func tick() {
        if !block.isEmpty || drawnLines > 0 { redraw() }
    }

    // MARK: The live block (stderr on a terminal)

    private func redraw(throttled: Bool = false) {
        guard live else { return }
        let now = ContinuousClock.now
        if throttled, let lastDraw, now - lastDraw < .milliseconds(100) { return }
        lastDraw = now
        let lines = block.lines(now: now, started: started, tally: tally, expected: expected, width: max(20, output.width() - 1))
        output.err(eraseSequence() + lines.joined(separator: "\n") + "\n")
        drawnLines = lines.count
    }

    private func eraseSequence() -> String {
        defer { drawnLines = 0 }
        return drawnLines > 0 ? "\u{1B}[\(drawnLines)A\r\u{1B}[J" : ""
    }

    private func eraseBlock() {
        guard live, drawnLines > 0 else { return }
        output.err(eraseSequence())
    }
}
