import Foundation
import GRDB
import IdeogramKit

/// The reads and writes money needs: quotes recorded on their jobs, and the jobs sent in a
/// period, which `Job.spend` prices.
extension History {
    /// Jobs sent at or after `since` (every job ever sent when nil), oldest first. A job counts on
    /// the day it was (last) sent: a job never sent cost nothing.
    public func jobsSent(since: Date? = nil) throws(HistoryError) -> [Job] {
        try read { db in
            var query = JobRecord.filter(Column("sent_at") != nil)
            if let since { query = query.filter(Column("sent_at") >= HistoryTime.milliseconds(since)) }
            return try Self.jobs(try query.order(Column("seq")).fetchAll(db), db)
        }
    }

    /// Records the quote a v2 job got before it is sent, so its price is known whatever happens next.
    func saveQuote(_ job: Job) throws(HistoryError) {
        let quote = job.generation?.quote
        try write { db in
            try db.cachedStatement(sql: """
                UPDATE job SET quote_usd_micros = ?, quote_qualifier = ?, quote_upper_bound_usd_micros = ? WHERE id = ?
                """).execute(arguments: [quote?.usdMicros, quote?.qualifier.rawValue, quote?.upperBoundUSDMicros, job.id.rawValue])
        }
    }
}
