import Foundation
import GRDB

// The records name the columns they select, in order, and `init(row:)` reads them by position
// in that order: no column-name lookup and no Codable container per value (GRDB's fast path).

extension JobRecord {
    /// Every column of `job`, in the order `init(row:)` reads them.
    static let columnNames = [
        "seq", "id", "source_path", "image_digest", "request_json", "dedup_key", "endpoint_json", "output_dir", "state",
        "state_detail", "failure_json", "attempts", "answer_json", "submitted_at", "updated_at", "sent_at", "answered_at",
        "owner", "v2_model", "v2_request_json", "generation_id", "quote_usd_micros", "quote_qualifier",
        "quote_upper_bound_usd_micros", "billed_usd_micros",
    ]

    static var databaseSelection: [any SQLSelectable] { columnNames.map { Column($0) } }

    init(row: Row) throws {
        var columns = RowColumns(row)
        seq = try columns.next()
        id = try columns.next()
        sourcePath = try columns.next()
        imageDigest = try columns.next()
        requestJSON = try columns.next()
        dedupKey = try columns.next()
        endpointJSON = try columns.next()
        outputDir = try columns.next()
        state = try columns.next()
        stateDetail = try columns.next()
        failureJSON = try columns.next()
        attempts = try columns.next()
        answerJSON = try columns.next()
        submittedAt = try columns.nextTime()
        updatedAt = try columns.nextTime()
        sentAt = try columns.nextOptionalTime()
        answeredAt = try columns.nextOptionalTime()
        owner = try columns.next()
        v2Model = try columns.next()
        v2RequestJSON = try columns.next()
        generationID = try columns.next()
        quoteUSDMicros = try columns.next()
        quoteQualifier = try columns.next()
        quoteUpperBoundUSDMicros = try columns.next()
        billedUSDMicros = try columns.next()
    }
}

extension ResultRecord {
    /// Every column of `result`, in the order `init(row:)` reads them.
    static let columnNames = [
        "job_id", "idx", "seed", "prompt", "resolution", "url", "outcome", "path", "sidecar_path", "bytes", "format", "status",
        "detail",
    ]

    static var databaseSelection: [any SQLSelectable] { columnNames.map { Column($0) } }

    init(row: Row) throws {
        var columns = RowColumns(row)
        jobID = try columns.next()
        idx = try columns.next()
        seed = try columns.next()
        prompt = try columns.next()
        resolution = try columns.next()
        url = try columns.next()
        outcome = try columns.next()
        path = try columns.next()
        sidecarPath = try columns.next()
        bytes = try columns.next()
        format = try columns.next()
        status = try columns.next()
        detail = try columns.next()
    }
}

extension TransitionRecord {
    /// Every column of `transition`, in the order `init(row:)` reads them.
    static let columnNames = ["id", "job_id", "state", "detail", "at"]

    static var databaseSelection: [any SQLSelectable] { columnNames.map { Column($0) } }

    init(row: Row) throws {
        var columns = RowColumns(row)
        id = try columns.next()
        jobID = try columns.next()
        state = try columns.next()
        detail = try columns.next()
        at = try columns.nextTime()
    }
}

/// A row's columns read one after the other, by position; a NULL or a value of the wrong kind
/// where a value is required throws (GRDB's `RowDecodingError`).
struct RowColumns {
    private let row: Row
    private var index = 0

    init(_ row: Row) { self.row = row }

    mutating func next<Value: DatabaseValueConvertible & StatementColumnConvertible>() throws -> Value {
        defer { index += 1 }
        return try row.decode(atIndex: index)
    }

    /// A time stored as integer milliseconds since 1970 (`HistoryTime`).
    mutating func nextTime() throws -> Date {
        HistoryTime.date(milliseconds: try next())
    }

    mutating func nextOptionalTime() throws -> Date? {
        (try next() as Double?).map(HistoryTime.date(milliseconds:))
    }
}
