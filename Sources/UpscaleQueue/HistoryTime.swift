import Foundation

/// The history stores times as integer milliseconds since 1970 (UTC): written and read as plain
/// numbers, with no date formatter or parser on the way (GRDB's text dates go through ICU).
enum HistoryTime {
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    static func milliseconds(_ date: Date?) -> Int64? {
        date.map { milliseconds($0) }
    }

    /// The stored number read back (as GRDB's `millisecondsSince1970` reads it).
    static func date(milliseconds: Double) -> Date {
        Date(timeIntervalSince1970: milliseconds / 1000)
    }
}
