import Foundation
import Testing
@testable import TerminalUI

/// A rendered screen against its text file under Goldens/; `UPDATE_GOLDENS=1` rewrites it.
enum GoldenFile {
    static func check(_ screen: Screen, name: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens/\(name).txt")
        let actual = ScreenSnapshot.text(of: screen)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden \(name); run with UPDATE_GOLDENS=1")
            return
        }
        #expect(actual == expected, "screen \(name) differs from its golden file")
    }
}
