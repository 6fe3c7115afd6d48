import Foundation
import Testing
@testable import UpscaleQueue

/// Today's spending starts at local midnight, found without ICU: it must agree with Foundation's calendar.
@Suite struct LocalDayTests {
    @Test(arguments: [0.0, 1_764_979_200, 1_764_979_199, 1_765_000_000.5, 1_711_846_800, 1_729_994_400])
    func midnightAgreesWithTheCalendar(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(LocalDay.start(of: date) == Calendar.current.startOfDay(for: date))
    }
}
