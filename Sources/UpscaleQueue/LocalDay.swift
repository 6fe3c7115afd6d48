import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Local midnight from the C library's time zone rules: `Calendar.current` would load ICU's
/// data into every process that only wants today's spending (megabytes resident in the UI).
enum LocalDay {
    static func start(of date: Date) -> Date {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil else { return date }
        parts.tm_hour = 0
        parts.tm_min = 0
        parts.tm_sec = 0
        parts.tm_isdst = -1
        let midnight = mktime(&parts)
        return midnight == -1 ? date : Date(timeIntervalSince1970: TimeInterval(midnight))
    }
}
