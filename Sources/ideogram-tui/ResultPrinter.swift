import Foundation
import IdeogramKit
import UpscaleQueue

/// How per-file reports are written on stdout.
enum OutputFormat: Sendable { case terminal, plain, json }

/// What one source file (or one job taken over from an earlier run) came to in a run.
enum RunEntry: Sendable {
    /// Went through the queue as this job.
    case job(JobID, source: String)
    /// Not sent: the same bytes, request and fixed seed were done (or under way) already.
    case duplicate(source: String, earlier: Job)
    /// Refused before it was queued (the file changed after it was checked).
    case refused(source: String, UpscaleError)
}

/// Writes what happens in an `upscale` run. On stdout, one report per source file as it
/// finishes: readable lines on a terminal, tab-separated lines or JSON lines when piped. On
/// stderr: notes, and when stderr is a terminal, a live block of the jobs in flight and a
/// summary. Every text from a file name or the network is made safe first.
actor ResultPrinter {
    let format: OutputFormat
    let live: Bool
    /// Absolute source path -> the path as the user typed it.
    private let labels: [String: String]

    private struct Activity {
        var label: String
        var symbol: String
        var text: String
        var since: ContinuousClock.Instant
        var showsElapsed = false
    }
    private var activities: [JobID: Activity] = [:]
    private var activeOrder: [JobID] = []
    private var reported: Set<JobID> = []
    private var expected = 0
    private var tally = Tally()
    private var drawnLines = 0
    private var lastDraw: ContinuousClock.Instant?
    private let started = ContinuousClock.now

    struct Tally {
        var ok = 0, images = 0, withheld = 0, failed = 0, duplicates = 0, pending = 0
        var finished: Int { ok + failed + duplicates + pending }
    }

    init(format: OutputFormat, live: Bool, labels: [String: String] = [:]) {
        self.format = format
        self.live = live
        self.labels = labels
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
        case .transition(let job, _):
            if job.state.isFinished {
                report(job)
                return
            }
            switch job.state {
            case .uploading: activity(job, "↑", job.attempts > 1 ? "uploading (attempt \(job.attempts))" : "uploading")
            case .waitingForAnswer: activity(job, "…", "waiting for the service", showsElapsed: true)
            case .downloading: activity(job, "↓", "downloading")
            default: break
            }
        case .uploadProgress(let id, let sent, let total):
            guard var current = activities[id] else { return }
            current.text = "uploading \(total == 0 ? 100 : sent * 100 / total)% of \(ByteCount.format(total))"
            activities[id] = current
            redraw()
        case .retryScheduled(let id, let wait):
            guard var current = activities[id] else { return }
            current.symbol = "↻"
            current.text = "attempt \(wait.nextAttempt) in \(Self.seconds(wait.delay)): " + Self.short(wait.reason.description)
            activities[id] = current
            redraw()
        case .resultUpdated(let id, let result):
            guard var current = activities[id], current.symbol == "↓" else { return }
            current.text = "downloading (#\(result.index + 1) \(result.outcome == .withheld ? "withheld" : "saved"))"
            activities[id] = current
            redraw()
        case .paused(let reason):
            note(reason.description)
        case .submitted, .resumed, .removed, .recoveredReleased:
            break
        }
    }

    private func activity(_ job: Job, _ symbol: String, _ text: String, showsElapsed: Bool = false) {
        if activities[job.id] == nil { activeOrder.append(job.id) }
        activities[job.id] = Activity(label: label(job.sourcePath), symbol: symbol, text: text, since: .now, showsElapsed: showsElapsed)
        redraw()
    }

    private func label(_ sourcePath: String) -> String {
        labels[sourcePath] ?? sourcePath
    }

    // MARK: Reports, one per source file

    /// Reports a finished job once; later calls for the same job do nothing.
    func report(_ job: Job, source: String? = nil) {
        guard reported.insert(job.id).inserted else { return }
        endActivity(job.id)
        let source = source ?? label(job.sourcePath)
        switch job.state {
        case .done:
            let failed = job.results.isEmpty || job.results.contains { !Self.isGood($0.outcome) }
            if failed { tally.failed += 1 } else { tally.ok += 1 }
            tally.images += job.results.filter { if case .saved = $0.outcome { true } else { false } }.count
            tally.withheld += job.results.filter { $0.outcome == .withheld }.count
            emit(done: job, source: source)
        case .failed(let error):
            tally.failed += 1
            emit(failure: source, job: job, category: error.category.rawValue, message: error.description, mayHaveBeenBilled: error.mayHaveBeenBilled)
        case .rejected(let message):
            tally.failed += 1
            emit(failure: source, job: job, category: UpscaleErrorCategory.safety.rawValue,
                 message: UpscaleError.rejectedBySafety(message: message).description, mayHaveBeenBilled: false)
        case .outcomeUnknown(let message):
            tally.failed += 1
            emit(failure: source, job: job, category: UpscaleErrorCategory.outcomeUnknown.rawValue,
                 message: "outcome unknown: \(message); it is not sent again (see `ideogram-tui history`)", mayHaveBeenBilled: true)
        case .cancelled:
            tally.failed += 1
            emit(failure: source, job: job, category: UpscaleErrorCategory.cancelled.rawValue,
                 message: "cancelled before the request was sent; nothing was billed", mayHaveBeenBilled: false)
        case .queued, .uploading, .waitingForAnswer, .downloading:
            pending(job, source: source, reason: "not finished")
        }
    }

    /// A job this run leaves unfinished: it stays in the history for the next run.
    func pending(_ job: Job, source: String? = nil, reason: String) {
        reported.insert(job.id)
        endActivity(job.id)
        tally.pending += 1
        let source = source ?? label(job.sourcePath)
        let message = job.state == .downloading
            ? "\(reason); the download resumes when ideogram-tui next opens the history"
            : "\(reason); not sent, it stays queued: `ideogram-tui upscale --resume` sends it"
        switch format {
        case .json:
            writeOut(Self.jsonLine(["source": source, "job": job.id.rawValue, "status": "pending", "state": job.state.name.rawValue,
                                    "error": message, "images": [Any]()]))
        case .plain:
            writeOut(Self.plain(["pending", source, message, "-", "-", "-"]))
        case .terminal:
            writeOut("… \(Self.safe(source)): \(Self.safe(message))")
        }
        redraw(force: true)
    }

    func duplicate(source: String, earlier: Job) {
        tally.duplicates += 1
        let message = "already upscaled with this request and seed (job \(earlier.id), \(earlier.state.name.rawValue)); not sent again, --force sends it"
        switch format {
        case .json:
            writeOut(Self.jsonLine(["source": source, "job": earlier.id.rawValue, "status": "duplicate", "state": earlier.state.name.rawValue,
                                    "error": message, "images": earlier.results.map { Self.jsonImage($0, of: earlier) }]))
        case .plain:
            if earlier.results.isEmpty {
                writeOut(Self.plain(["duplicate", source, message, "-", earlier.request.seed.map(String.init) ?? "-", "-"]))
            }
            for result in earlier.results {
                writeOut(Self.plain(["duplicate", source, Self.fileOrOutcome(result), result.resolution, String(result.seed), result.url ?? "-"]))
            }
        case .terminal:
            let files = earlier.results.compactMap { if case .saved(let file) = $0.outcome { file.path } else { nil } }
            writeOut("= \(Self.safe(source)): \(Self.safe(message))" + (files.isEmpty ? "" : " → " + Self.safe(files.joined(separator: ", "))))
        }
        redraw(force: true)
    }

    func refused(source: String, error: UpscaleError) {
        tally.failed += 1
        emit(failure: source, job: nil, category: error.category.rawValue, message: error.description, mayHaveBeenBilled: false)
    }

    private func emit(done job: Job, source: String) {
        switch format {
        case .json:
            writeOut(Self.jsonLine(["source": source, "job": job.id.rawValue, "status": "done", "state": "done",
                                    "images": job.results.map { Self.jsonImage($0, of: job) }]))
        case .plain:
            if job.results.isEmpty { writeOut(Self.plain(["failed", source, "the service answered with no images", "-", "-", "-"])) }
            for result in job.results {
                let status = switch result.outcome {
                case .saved, .pending: "ok"
                case .withheld: "withheld"
                case .expired, .downloadFailed: "failed"
                }
                writeOut(Self.plain([status, source, Self.fileOrOutcome(result), result.resolution, String(result.seed), result.url ?? "-"]))
            }
        case .terminal:
            let name = Self.safe(source)
            if job.results.isEmpty { writeOut("✗ \(name): the service answered with no images") }
            for result in job.results {
                let details = "\(Self.safe(result.resolution, limit: 20))  seed \(result.seed)"
                switch result.outcome {
                case .saved(let file): writeOut("✓ \(name) → \(Self.safe(file.path))  \(details)")
                case .pending: writeOut("✓ \(name)  \(details)  \(Self.safe(result.url ?? "-", limit: 2000))")
                case .withheld: writeOut("⊘ \(name): result withheld by the safety check (seed \(result.seed)); the call is billed")
                case .expired, .downloadFailed: writeOut("✗ \(name): \(Self.safe(Self.fileOrOutcome(result)))  \(details)")
                }
            }
        }
        redraw(force: true)
    }

    private func emit(failure source: String, job: Job?, category: String, message: String, mayHaveBeenBilled: Bool) {
        switch format {
        case .json:
            var object: [String: Any] = ["source": source, "status": "failed", "category": category, "error": message,
                                         "may_have_been_billed": mayHaveBeenBilled, "images": [Any]()]
            if let job {
                object["job"] = job.id.rawValue
                object["state"] = job.state.name.rawValue
            }
            writeOut(Self.jsonLine(object))
        case .plain:
            writeOut(Self.plain(["failed", source, message, "-", "-", "-"]))
        case .terminal:
            writeOut("✗ \(Self.safe(source)): \(Self.safe(message))")
        }
        redraw(force: true)
    }

    // MARK: Notes and the end

    func note(_ text: String) {
        writeErr(Self.safe(text, limit: 2000))
        redraw(force: true)
    }

    func fatal(_ message: String) {
        writeErr("ideogram-tui: " + Self.safeLines(message))
    }

    /// For failures before a printer exists.
    static func fatalNow(_ message: String) {
        FileHandle.standardError.write(Data(("ideogram-tui: " + safeLines(message) + "\n").utf8))
    }

    /// Each line made safe on its own, so a message that lists several problems (one per bad
    /// file, then "nothing was sent") keeps one per line instead of running them together.
    static func safeLines(_ text: String, limit: Int = 1000) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { safe(String($0), limit: limit) }.joined(separator: "\n")
    }

    /// Erases the live block and, on a terminal, writes the summary.
    func finish(stoppedBy signal: String?) {
        guard live else { return }
        eraseBlock()
        activities = [:]
        activeOrder = []
        var parts = ["\(tally.ok) done (\(tally.images) image\(tally.images == 1 ? "" : "s") saved)"]
        if tally.withheld > 0 { parts.append("\(tally.withheld) withheld") }
        if tally.failed > 0 { parts.append("\(tally.failed) failed") }
        if tally.duplicates > 0 { parts.append("\(tally.duplicates) already done") }
        if tally.pending > 0 { parts.append("\(tally.pending) left for --resume") }
        let elapsed = Self.seconds(ContinuousClock.now - started)
        writeErr((signal.map { "stopped by \($0): " } ?? "") + parts.joined(separator: ", ") + " in \(elapsed)")
    }

    /// Redraws the live block (elapsed times move on even when no event comes).
    func tick() {
        if !activeOrder.isEmpty || drawnLines > 0 { redraw(force: true) }
    }

    // MARK: The live block (stderr on a terminal)

    private func endActivity(_ id: JobID) {
        if activities.removeValue(forKey: id) != nil { activeOrder.removeAll { $0 == id } }
    }

    private func redraw(force: Bool = false) {
        guard live else { return }
        let now = ContinuousClock.now
        // Events come far faster than anyone reads: at most ten frames a second.
        if !force, let lastDraw, now - lastDraw < .milliseconds(100) { return }
        lastDraw = now
        let width = max(20, Self.terminalWidth() - 1)
        let shown = 8
        var lines = activeOrder.prefix(shown).compactMap { id -> String? in
            guard let a = activities[id] else { return nil }
            let elapsed = a.showsElapsed ? " \(Self.seconds(now - a.since))" : ""
            return "  \(a.symbol) \(Self.safe(a.label, limit: 60))  \(a.text)\(elapsed)"
        }
        if activeOrder.count > shown { lines.append("  … and \(activeOrder.count - shown) more") }
        let waiting = max(0, expected - tally.finished - activeOrder.count)
        let downloading = activities.values.filter { $0.symbol == "↓" }.count
        lines.append("[\(tally.finished)/\(expected)] \(tally.ok) done, \(tally.failed) failed, \(activeOrder.count - downloading) sending, "
            + "\(downloading) downloading, \(waiting) queued · \(Self.seconds(now - started))")
        let block = lines.map { String($0.prefix(width)) }.joined(separator: "\n") + "\n"
        FileHandle.standardError.write(Data((eraseSequence() + block).utf8))
        drawnLines = lines.count
    }

    private func eraseSequence() -> String {
        defer { drawnLines = 0 }
        return drawnLines > 0 ? "\u{1B}[\(drawnLines)A\r\u{1B}[J" : ""
    }

    private func eraseBlock() {
        guard live, drawnLines > 0 else { return }
        FileHandle.standardError.write(Data(eraseSequence().utf8))
    }

    private func writeOut(_ line: String) {
        eraseBlock()
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    private func writeErr(_ line: String) {
        eraseBlock()
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    // MARK: Formatting

    static func isGood(_ outcome: ResultOutcome) -> Bool {
        switch outcome {
        case .saved, .withheld, .pending: true
        case .expired, .downloadFailed: false
        }
    }

    static func fileOrOutcome(_ result: JobResult) -> String {
        switch result.outcome {
        case .saved(let file): file.path
        case .pending: "-"
        case .withheld: "withheld by the safety check"
        case .expired(let status): "the result URL expired before it was downloaded (\(status)); the image is lost"
        case .downloadFailed(let message): "download failed: \(message)"
        }
    }

    static func jsonImage(_ result: JobResult, of job: Job) -> [String: Any] {
        let safe = job.answer?.images.indices.contains(result.index) == true ? job.answer!.images[result.index].isImageSafe : result.url != nil
        var object: [String: Any] = ["seed": result.seed, "resolution": result.resolution, "prompt": result.prompt,
                                     "url": result.url ?? NSNull(), "is_image_safe": safe]
        switch result.outcome {
        case .saved(let file):
            object["status"] = "saved"
            object["file"] = file.path
            object["sidecar"] = file.sidecarPath ?? NSNull()
            object["bytes"] = file.bytes
        case .pending: object["status"] = "not_downloaded"
        case .withheld: object["status"] = "withheld"
        case .expired: object["status"] = "expired"; object["error"] = fileOrOutcome(result)
        case .downloadFailed: object["status"] = "download_failed"; object["error"] = fileOrOutcome(result)
        }
        return object
    }

    static func plain(_ fields: [String]) -> String {
        fields.map { TerminalSafeText.sanitize($0, limit: 2000).replacingOccurrences(of: "\t", with: " ") }.joined(separator: "\t")
    }

    /// JSON escapes control characters itself, so raw strings are safe here.
    static func jsonLine(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func safe(_ text: String, limit: Int = 300) -> String {
        TerminalSafeText.sanitize(text, limit: limit)
    }

    /// The first line of a message, short enough for the live block.
    static func short(_ text: String) -> String {
        safe(text, limit: 80)
    }

    static func seconds(_ duration: Duration) -> String {
        let (whole, atto) = duration.components
        let total = Double(whole) + Double(atto) / 1e18
        return total < 60 ? String(format: "%.1f s", total) : String(format: "%d:%02d", Int(total) / 60, Int(total) % 60)
    }

    static func terminalWidth() -> Int {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}
