import Foundation

/// The API's timestamp format: ISO 8601 in UTC with milliseconds, e.g. 2000-01-23T04:56:07.000Z.
enum Timestamp {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)

    static func iso8601WithMilliseconds(_ date: Date) -> String {
        date.formatted(style)
    }

    static func parseISO8601(_ text: String) -> Date? {
        (try? style.parse(text)) ?? (try? Date.ISO8601FormatStyle().parse(text))
    }
}
