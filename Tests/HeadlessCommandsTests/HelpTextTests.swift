import Testing
@testable import HeadlessCommands

/// Help text laid out by hand: it must fit the width, since swift-argument-parser would wrap a
/// wider line again.
@Suite struct HelpTextTests {
    @Test func theExitCodeTableFitsTheWidthWithMeaningsWrappedUnderThemselves() {
        let table = ExitStatus.helpTable(width: 60)
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.count <= 60 }, "\(lines)")
        #expect(lines.contains("  130  interrupted by Ctrl-C (SIGINT): what was sent is"))
        #expect(lines.contains("  64   the command line could not be parsed"))
        // Each line is a row (a code, then its meaning) or a continuation under the meaning.
        let rows = lines.filter { $0.hasPrefix("  ") && $0.dropFirst(2).first?.isNumber == true }
        let continuations = lines.filter { $0.hasPrefix("       ") && $0.dropFirst(7).first != " " }
        #expect(rows.count == ExitStatus.allCases.count + 1, "one row per code")
        #expect(rows.count + continuations.count == lines.count, "\(lines)")
    }

    @Test func wrappingBreaksAtSpacesAndKeepsALongWordWhole() {
        #expect(HelpText.wrap("one two three four", width: 9) == ["one two", "three", "four"])
        #expect(HelpText.wrap("a $XDG_CONFIG_HOME/ideogram-tui/key b", width: 10) == ["a", "$XDG_CONFIG_HOME/ideogram-tui/key", "b"])
        #expect(HelpText.wrap("", width: 10).isEmpty)
    }
}
