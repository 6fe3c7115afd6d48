import Foundation
import IdeogramKit
import UpscaleQueue

/// The jobs in flight of an `upscale` run, as the few lines redrawn on stderr when it is a
/// terminal: one per job (what it is doing, for how long) and a status line of counts.
struct LiveBlock {
    private struct Activity {
        var label: String
        var symbol: String
        var text: String
        var since: ContinuousClock.Instant
        var showsElapsed = false
    }

    /// How many jobs get a line of their own; the rest are counted.
    static let shownJobs = 8

    private var activities: [JobID: Activity] = [:]
    private var order: [JobID] = []

    var isEmpty: Bool { order.isEmpty }

    /// Follows one queue event; false when it changed nothing shown.
    mutating func apply(_ event: QueueEvent, label: (String) -> String) -> Bool {
        switch event {
        case .transition(let job, _):
            switch job.state {
            case .uploading: start(job, label: label, "↑", job.attempts > 1 ? "uploading (attempt \(job.attempts))" : "uploading")
            case .waitingForAnswer: start(job, label: label, "…", "waiting for the service", showsElapsed: true)
            case .generating: start(job, label: label, "…", "generating", showsElapsed: true)
            case .downloading: start(job, label: label, "↓", "downloading")
            default: return false
            }
        case .uploadProgress(let id, let sent, let total):
            return update(id) { $0.text = "uploading \(total == 0 ? 100 : sent * 100 / total)% of \(ByteCount.format(total))" }
        case .retryScheduled(let id, let wait):
            return update(id) {
                $0.symbol = "↻"
                $0.text = "attempt \(wait.nextAttempt) in \(Self.seconds(wait.delay)): " + ReportText.safe(wait.reason.description, limit: 80)
            }
        case .resultUpdated(let id, let result):
            guard activities[id]?.symbol == "↓" else { return false }
            return update(id) { $0.text = "downloading (#\(result.index + 1) \(result.outcome == .withheld ? "withheld" : "saved"))" }
        case .paused, .submitted, .resumed, .removed, .recoveredReleased, .spendingHoldChanged:
            return false
        }
        return true
    }

    mutating func end(_ id: JobID) {
        if activities.removeValue(forKey: id) != nil { order.removeAll { $0 == id } }
    }

    mutating func clear() {
        activities = [:]
        order = []
    }

    /// The block's lines, each cut to `width`.
    func lines(now: ContinuousClock.Instant, started: ContinuousClock.Instant, tally: RunTally, expected: Int, width: Int) -> [String] {
        var lines = order.prefix(Self.shownJobs).compactMap { id -> String? in
            guard let activity = activities[id] else { return nil }
            let elapsed = activity.showsElapsed ? " \(Self.seconds(now - activity.since))" : ""
            return "  \(activity.symbol) \(ReportText.safe(activity.label, limit: 60))  \(activity.text)\(elapsed)"
        }
        if order.count > Self.shownJobs { lines.append("  … and \(order.count - Self.shownJobs) more") }
        let waiting = max(0, expected - tally.finished - order.count)
        let downloading = activities.values.filter { $0.symbol == "↓" }.count
        lines.append("[\(tally.finished)/\(expected)] \(tally.ok) done, \(tally.failed) failed, \(order.count - downloading) sending, "
            + "\(downloading) downloading, \(waiting) queued · \(Self.seconds(now - started))")
        return lines.map { String($0.prefix(width)) }
    }

    private mutating func start(_ job: Job, label: (String) -> String, _ symbol: String, _ text: String, showsElapsed: Bool = false) {
        if activities[job.id] == nil { order.append(job.id) }
        activities[job.id] = Activity(label: label(job.sourcePath), symbol: symbol, text: text, since: .now, showsElapsed: showsElapsed)
    }

    private mutating func update(_ id: JobID, _ change: (inout Activity) -> Void) -> Bool {
        guard var activity = activities[id] else { return false }
        change(&activity)
        activities[id] = activity
        return true
    }

    static func seconds(_ duration: Duration) -> String {
        let (whole, atto) = duration.components
        let total = Double(whole) + Double(atto) / 1e18
        return total < 60 ? String(format: "%.1f s", total) : String(format: "%d:%02d", Int(total) / 60, Int(total) % 60)
    }
}

/// What a run's reports came to so far, for the live block and the summary.
struct RunTally {
    var ok = 0, images = 0, withheld = 0, failed = 0, duplicates = 0, pending = 0
    var finished: Int { ok + failed + duplicates + pending }

    mutating func count(_ report: JobReport) {
        if report.duplicate {
            duplicates += 1
        } else if report.isUnfinished {
            pending += 1
        } else if report.succeeded {
            ok += 1
        } else {
            failed += 1
        }
        if !report.duplicate {
            images += report.results.filter { $0.outcome == .saved }.count
            withheld += report.results.filter { $0.outcome == .withheld }.count
        }
    }

    /// "3 done (4 images saved), 1 failed, … in 2.1 s".
    func summary(elapsed: Duration) -> String {
        var parts = ["\(ok) done (\(images) image\(images == 1 ? "" : "s") saved)"]
        if withheld > 0 { parts.append("\(withheld) withheld") }
        if failed > 0 { parts.append("\(failed) failed") }
        if duplicates > 0 { parts.append("\(duplicates) already done") }
        if pending > 0 { parts.append("\(pending) left for --resume") }
        return parts.joined(separator: ", ") + " in \(LiveBlock.seconds(elapsed))"
    }
}
