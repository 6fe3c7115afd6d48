import Testing
import TerminalUI
@testable import CursesBackend

/// Pair numbers for colour combinations: reused when known, never past ncurses' limit.
@Suite struct ColorPairTableTests {
    static func key(_ fg: UInt8, _ bg: UInt8) -> CellStyle.ColorKey {
        CellStyle.ColorKey(foreground: .indexed(fg), background: .indexed(bg))
    }

    @Test func combinationsGetNumbersFromOneAndKeepThem() {
        var table = ColorPairTable(capacity: 10)
        #expect(table.pair(for: Self.key(1, 2)) == .new(1))
        #expect(table.pair(for: Self.key(2, 1)) == .new(2))
        #expect(table.pair(for: Self.key(1, 2)) == .known(1))
        #expect(table.count == 2)
    }

    @Test func aFullTableSaysSoAndStartsOverWhenCleared() {
        var table = ColorPairTable(capacity: 3)
        for n in 0..<3 { #expect(table.pair(for: Self.key(UInt8(n), 0)) == .new(Int32(n + 1))) }
        // A preview's fourth combination: the terminal must start over, not draw wrong colours.
        #expect(table.pair(for: Self.key(200, 201)) == .full)
        #expect(table.pair(for: Self.key(0, 0)) == .known(1))
        table.removeAll()
        #expect(table.pair(for: Self.key(200, 201)) == .new(1))
    }

    @Test func pairNumbersGoPastTheShortRange() {
        // 256 × 256 combinations need more than 32767 pairs: numbers are Int32, not Int16.
        var table = ColorPairTable(capacity: 65_535)
        var last: ColorPairTable.Lookup = .full
        for fg in 0...255 { for bg in 0...200 { last = table.pair(for: Self.key(UInt8(fg), UInt8(bg))) } }
        #expect(last == .new(256 * 201))
    }
}
