import IdeogramKit

/// The job rows on screen as a table: name, model and key fields on the left; state, cost and
/// the result's size on the right; each column as wide as its widest row, so the rows line up.
/// Richest first, the table sheds what matters least until every name keeps its room (whole,
/// or `minimumName` cells of a longer one): the result's size (the factor says it), then the
/// cost's label ("~$0.13 quoted" becomes "~$0.13": the "~" still says it is no billed amount),
/// then the tail of a failure's reason (the details below say it whole), then the key fields
/// (cut, then dropped), then a finished job's time, then the model, and last the cost.
struct JobRowTable: Equatable {
    var nameWidth: Int
    var modelWidth = 0
    var fieldsWidth = 0
    var statusWidth: Int
    var costWidth = 0
    var resolutionWidth = 0
    /// Which of each row's texts the columns hold.
    var longStatus = true
    var longCost = true

    static let minimumName = 12

    /// What one row can show; the table picks which parts.
    struct Row: Equatable {
        var name: String
        var model: String
        var fields: String
        var status: String
        var shortStatus: String
        var cost: JobRowCost?
        var resolution: String

        init(_ job: JobRow, state: AppState) {
            name = TerminalSafeText.sanitize(job.sourceName, limit: 200)
            model = job.modelName
            fields = job.keyFields
            status = ResultsPaneView.timeText(job, state: state)
            shortStatus = ResultsPaneView.timeText(job, state: state, short: true)
            cost = job.cost(legacyPriceUSDMicros: state.legacyPriceUSDMicros)
            resolution = job.resultResolution.map { TerminalSafeTextBridge.text($0, limit: 20) } ?? ""
        }

        func statusText(long: Bool) -> String { long ? status : shortStatus }
        func costText(long: Bool) -> String { cost.map { long ? $0.text : $0.shortText } ?? "" }
    }

    private struct Choice {
        var fields = true
        /// The fields may be cut to fit, down to a few cells.
        var cutsFields = false
        var model = true
        var longStatus = true
        /// The status may be cut (a failure's reason), down to the short status and a few cells.
        var cutsStatus = false
        var cost = true
        var longCost = true
        var resolution = false
    }

    private static let choices = [
        Choice(resolution: true),
        Choice(),
        Choice(longCost: false),
        Choice(cutsStatus: true, longCost: false),
        Choice(cutsFields: true, longCost: false),
        Choice(fields: false, longCost: false),
        Choice(fields: false, cutsStatus: true, longCost: false),
        Choice(fields: false, longStatus: false, longCost: false),
        Choice(fields: false, model: false, longStatus: false, longCost: false),
        Choice(fields: false, model: false, longStatus: false, cost: false),
    ]

    static func fit(_ rows: [Row], width: Int) -> JobRowTable {
        for choice in choices.dropLast() {
            if let table = table(rows, choice, width: width) { return table }
        }
        let status = widest(rows) { $0.shortStatus }
        return JobRowTable(nameWidth: max(1, width - status - 1), statusWidth: status, longStatus: false, longCost: false)
    }

    private static func widest(_ rows: [Row], _ text: (Row) -> String) -> Int {
        rows.map { DisplayWidth.of(text($0)) }.max() ?? 0
    }

    /// The table for one choice, or nil when some name would get less than its room.
    private static func table(_ rows: [Row], _ choice: Choice, width: Int) -> JobRowTable? {
        let nameRoom = rows.map { min(minimumName, DisplayWidth.of($0.name)) }.max() ?? 0
        var table = JobRowTable(nameWidth: 0, statusWidth: widest(rows) { $0.statusText(long: choice.longStatus) },
                                longStatus: choice.longStatus, longCost: choice.longCost)
        if choice.model { table.modelWidth = widest(rows) { $0.model } }
        if choice.cost { table.costWidth = widest(rows) { $0.costText(long: choice.longCost) } }
        if choice.resolution { table.resolutionWidth = widest(rows) { $0.resolution } }
        let fields = choice.fields ? widest(rows, { $0.fields }) : 0
        if choice.fields && !choice.cutsFields { table.fieldsWidth = fields }
        if choice.cutsStatus {
            let room = width - table.used(withoutStatus: true) - nameRoom
            let short = widest(rows) { $0.shortStatus }
            guard room >= short + 4, room < table.statusWidth else { return nil }
            table.statusWidth = room
        }
        if choice.cutsFields {
            let shown = min(fields, width - table.used() - 1 - nameRoom)
            guard shown >= min(fields, 5) else { return nil }
            table.fieldsWidth = shown
        }
        let room = width - table.used()
        guard room >= nameRoom else { return nil }
        // The name column is as wide as the widest name; what is left parts the two sides.
        table.nameWidth = min(room, widest(rows) { $0.name })
        return table
    }

    /// Cells the columns take besides the name's, one gap before each.
    private func used(withoutStatus: Bool = false) -> Int {
        [modelWidth, fieldsWidth, withoutStatus ? 0 : statusWidth, costWidth, resolutionWidth].filter { $0 > 0 }.reduce(0) { $0 + $1 + 1 }
            + (withoutStatus ? 1 : 0)
    }

    /// The right side's width: status, cost and size, a gap apart.
    var rightWidth: Int {
        [statusWidth, costWidth, resolutionWidth].filter { $0 > 0 }.reduce(-1) { $0 + $1 + 1 }
    }

    /// "0:12", "12:05": a generation's time since it was sent.
    static func clock(_ seconds: Double) -> String {
        let whole = Int(max(0, seconds))
        let rest = whole % 60
        return "\(whole / 60):\(rest < 10 ? "0" : "")\(rest)"
    }
}
