import Foundation
import IdeogramKit
import Testing
@testable import HeadlessCommands
@testable import UpscaleQueue

/// The text forms: fields in their places, and nothing from a file name or the network that
/// could drive the terminal.
@Suite struct ReportTextTests {
    /// Sets the window title, moves the cursor, and hides a tab and a line break in a name.
    static let hostileName = "/p/evil\u{1B}]0;pwned\u{07}\u{1B}[2J\tname\nx.png"

    private func hasControlCharacters(_ line: String) -> Bool {
        line.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t") || (0x7F...0x9F).contains($0.value) }
    }

    @Test func upscaleLinesKeepTheirFieldsAndDropEscapes() {
        let report = JobReport(Fixtures.job(source: Self.hostileName))
        let plain = ReportText.upscalePlain(report)
        #expect(plain.count == 1)
        let fields = plain[0].split(separator: "\t", omittingEmptySubsequences: false)
        #expect(fields.count == 6, "the tab in the name did not add a field: \(fields)")
        #expect(fields[0] == "ok" && fields[2] == "/out/a-upscaled-7.png" && fields[3] == "96x64" && fields[4] == "7")
        #expect(!fields[1].contains("\u{1B}") && fields[1].contains("evil") && fields[1].contains("name x.png"))
        for line in plain + ReportText.upscaleTerminal(report) { #expect(!hasControlCharacters(line), "\(line.debugDescription)") }
    }

    @Test func historyLinesKeepTheirFieldsAndDropEscapes() {
        var hostileResult = Fixtures.saved()
        hostileResult.resolution = "96x64\u{1B}[31m"
        let report = JobReport(Fixtures.job(source: Self.hostileName, state: .rejected(message: "no\u{1B}[5m"), results: [hostileResult]))
        let plain = ReportText.historyPlain(report)
        let fields = plain[0].split(separator: "\t", omittingEmptySubsequences: false)
        #expect(fields.count == 9)
        #expect(fields[0] == "0b8f8a52-4f1e-4c5e-9d8e-7a2a3c1e9f10" && fields[1] == "2026-05-28T20:26:40.000Z" && fields[2] == "rejected")
        #expect(fields[8].contains("safety check"))
        for line in plain + ReportText.historyTerminal(report) { #expect(!hasControlCharacters(line), "\(line.debugDescription)") }
    }

    @Test func jsonEscapesWhatTextDrops() throws {
        let line = JobReport(Fixtures.job(source: Self.hostileName)).jsonLine()
        #expect(!hasControlCharacters(line) && !line.contains("\t"))
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(object?["source"] as? String == Self.hostileName, "JSON keeps the name exactly, escaped")
    }

    @Test func everyKindOfEntryHasItsWordAndMessage() {
        let pendingJob = Fixtures.job(state: .queued, results: [])
        var pending = JobReport(pendingJob, source: "q.png")
        pending.error = "interrupted by SIGINT; not sent, it stays queued"
        #expect(ReportText.upscalePlain(pending) == ["pending\tq.png\tinterrupted by SIGINT; not sent, it stays queued\t-\t-\t-"])

        let duplicate = JobReport.duplicate(source: "a.png", earlier: Fixtures.job())
        #expect(ReportText.upscalePlain(duplicate).first?.hasPrefix("duplicate\ta.png\t/out/a-upscaled-7.png\t") == true)
        #expect(ReportText.upscaleTerminal(duplicate).first?.contains("not sent again, --force sends it") == true)

        let failed = JobReport(Fixtures.job(state: .failed(.serverError(status: 503, message: "busy")), results: []), source: "f.png")
        #expect(ReportText.upscalePlain(failed).first?.hasPrefix("failed\tf.png\t") == true)
        #expect(ReportText.upscaleTerminal(failed).first?.hasPrefix("✗ f.png: ") == true)

        let withheld = JobReport(Fixtures.job(results: [Fixtures.withheld()]), source: "w.png")
        #expect(ReportText.upscalePlain(withheld) == ["withheld\tw.png\twithheld by the safety check\t96x64\t8\t-"])
    }

    @Test func multiLineMessagesStayOnePerLine() {
        #expect(ReportText.safeLines("a.png: text\u{1B}[2J\nnothing was sent") == "a.png: text[2J\nnothing was sent")
    }
}
