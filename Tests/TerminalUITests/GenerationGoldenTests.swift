import Foundation
import Testing
@testable import TerminalUI

/// Issue 16's golden screens: a v2 job in each state, its details, and the compare view, at
/// 80x24 and 120x40. `UPDATE_GOLDENS=1 swift test --filter TerminalUITests` rewrites them.
@Suite struct GenerationGoldenTests {
    static let sizes = [Size(columns: 80, rows: 24), Size(columns: 120, rows: 40)]

    @Test(arguments: sizes)
    func aV2JobInEachState(size: Size) throws {
        for (name, jobState) in GenerationFixtures.states {
            let state = GenerationFixtures.rowState(jobState, size: size)
            try GoldenFile.check(render(state, size: size), name: "v2-\(name)-\(size.columns)x\(size.rows)")
        }
    }

    @Test(arguments: sizes)
    func theDetailsOfAV2Job(size: Size) throws {
        let state = GenerationFixtures.detailsState(size: size)
        try GoldenFile.check(render(state, size: size), name: "v2-details-\(size.columns)x\(size.rows)")
    }

    @Test(arguments: sizes)
    func theCompareView(size: Size) throws {
        let state = GenerationFixtures.compareState(size: size)
        try GoldenFile.check(render(state, size: size), name: "compare-\(size.columns)x\(size.rows)")
    }

    /// Two different sources: the view says so, and shows the first's.
    @Test func theCompareViewOfTwoSources() throws {
        let size = Size(columns: 120, rows: 40)
        let state = GenerationFixtures.compareState(size: size, bloomSource: "/data/pics/beach.png")
        try GoldenFile.check(render(state, size: size), name: "compare-two-sources-120x40")
    }
}
