import IdeogramKit

/// What one job's row holds at a given width. Richest first, the row sheds what matters least
/// until the name keeps `minimumName` cells: the result's resolution (the factor says it),
/// then the key fields, then the cost's label ("~$0.13 quoted" becomes "~$0.13"), then the
/// failure reason and a finished job's time, then the model, and last the cost.
struct JobRowLine: Equatable {
    var nameWidth: Int
    /// The model and, room permitting, the key fields: "std2 x4 dn.3".
    var middle: String
    var status: String
    var cost: String?
    var resolution: String?

    static let minimumName = 8

    private struct Choice {
        var fields: Bool
        var model: Bool
        var status: String
        /// The status may be cut (a failure reason), down to `shortStatus` and a few cells.
        var cutsStatus: Bool
        var cost: String?
        var resolution: String?
    }

    static func fit(_ job: JobRow, state: AppState, width: Int) -> JobRowLine {
        let status = ResultsPaneView.timeText(job, state: state)
        let short = ResultsPaneView.timeText(job, state: state, short: true)
        let cost = job.cost(legacyPriceUSDMicros: state.results.legacyPriceUSDMicros)
        let resolution = job.resultResolution.map { TerminalSafeTextBridge.text($0, limit: 20) }
        let choices = [
            Choice(fields: true, model: true, status: status, cutsStatus: false, cost: cost?.text, resolution: resolution),
            Choice(fields: true, model: true, status: status, cutsStatus: false, cost: cost?.text),
            Choice(fields: false, model: true, status: status, cutsStatus: false, cost: cost?.text),
            Choice(fields: false, model: true, status: status, cutsStatus: false, cost: cost?.shortText),
            Choice(fields: false, model: true, status: status, cutsStatus: true, cost: cost?.shortText),
            Choice(fields: false, model: true, status: short, cutsStatus: false, cost: cost?.shortText),
            Choice(fields: false, model: false, status: short, cutsStatus: false, cost: cost?.shortText),
        ]
        for choice in choices {
            if let line = line(job, choice, shortStatus: short, width: width) { return line }
        }
        let right = short
        return JobRowLine(nameWidth: max(1, width - DisplayWidth.of(right) - 1), middle: "", status: right)
    }

    /// The row for one choice, or nil when it leaves the name too little room.
    private static func line(_ job: JobRow, _ choice: Choice, shortStatus: String, width: Int) -> JobRowLine? {
        let model = choice.model ? job.modelName : ""
        let modelWidth = model.isEmpty ? 0 : DisplayWidth.of(model) + 1
        let tail = [choice.cost, choice.resolution].compactMap { $0 }.joined(separator: " ")
        let tailWidth = tail.isEmpty ? 0 : DisplayWidth.of(tail) + 1
        var status = choice.status
        if choice.cutsStatus {
            let room = width - tailWidth - 1 - modelWidth - minimumName
            guard room >= DisplayWidth.of(shortStatus) + 4, room < DisplayWidth.of(status) else { return nil }
            status = Draw.fit(status, width: room)
        }
        // Left of the right-aligned part: the name, a gap, the middle, a gap.
        let available = width - DisplayWidth.of(status) - tailWidth - 1 - modelWidth
        var middle = model
        var nameWidth = available
        if choice.fields {
            let fields = job.keyFields
            let full = DisplayWidth.of(fields)
            let shown = min(full, available - 1 - minimumName)
            guard shown >= min(full, 5) else { return nil }
            middle += (middle.isEmpty ? "" : " ") + Draw.fit(fields, width: shown)
            nameWidth = available - shown - 1
        }
        guard nameWidth >= minimumName else { return nil }
        return JobRowLine(nameWidth: nameWidth, middle: middle, status: status, cost: choice.cost, resolution: choice.resolution)
    }

    /// "0:12", "12:05": a generation's time since it was sent.
    static func clock(_ seconds: Double) -> String {
        let whole = Int(max(0, seconds))
        let rest = whole % 60
        return "\(whole / 60):\(rest < 10 ? "0" : "")\(rest)"
    }
}
