import FakeIdeogram
import Foundation
import IdeogramKit
import Testing

/// Issue 16's scenario in a real terminal against the fake: a v2 model chosen with `m`, its
/// fields set, the free quote seen, two images sent after a question with the model and the
/// total, both generated and billed; one of them again through another model, and the two
/// results compared. Every step waits for what the screen should show; nothing is timed.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end UI tests need it (apt-get install tmux; .ci/run installs it)"))
struct ModelsAndMoneyEndToEndTests {
    @Test(.timeLimit(.minutes(8)))
    func choosesAModelSeesThePriceSubmitsTwoAndComparesTwoModels() throws {
        let ui = try UISession.start(fakeArguments: ["--latency-ms", "100", "--generation-ms", "4000"])
        defer { ui.stop() }
        let tmux = ui.tmux
        try tmux.key("Enter")
        try tmux.waitForScreen("the album with pixel sizes", timeout: 60) {
            $0.contains(ui.sandbox.album) && $0.contains("64×48") && $0.contains("80×60")
        }

        // The model, from the files pane: `m`, a filter, Enter.
        try tmux.key("m")
        try tmux.waitForScreen("the model chooser") { $0.contains("topaz-bloom-2") && $0.contains("nano-banana-pro") }
        try tmux.type("standard-2")
        try tmux.key("Enter")
        try tmux.waitForScreen("topaz-standard-2 chosen") { Self.modelLine($0)?.contains("topaz-standard-2") == true }

        // x4 (auto → x2 → x4) and denoise typed as ".3"; the output size of alpha (64x48) and its quote.
        try tmux.key("Tab")
        try tmux.key("Right", "Right")
        try tmux.waitForScreen("x4 and alpha's output size") { $0.contains("[x4]") && $0.contains("64x48 -> 256x192") }
        try tmux.key("Down")
        try tmux.type(".3")
        let quoted = try tmux.waitForScreen("denoise 0.3 and its quote", timeout: 60) { screen in
            ScreenText.line(of: "Denoise", in: screen)?.contains(".3") == true && Self.quotedPrice(screen) != nil
        }
        let alphaQuote = try #require(Self.quotedPrice(quoted))

        // Two images marked, Ctrl-S, the question names the model and the total.
        try tmux.key("BTab")
        try tmux.key("Space")
        try tmux.waitForScreen("one mark") { $0.contains("1 marked") }
        try tmux.key("Space")
        try tmux.waitForScreen("two marks") { $0.contains("2 marked") }
        try tmux.key("C-s")
        let question = try tmux.waitForScreen("the question with the model and the total") {
            $0.contains("Upscale 2 images with topaz-standard-2?") && $0.contains("Model topaz-standard-2 · total ")
        }
        #expect(!question.contains("billed images"), "no legacy wording:\n\(question)")
        try tmux.key("y")

        // Generating (the fake takes four seconds), then done with the billed cost on each row.
        try tmux.waitForScreen("a job generating", timeout: 120) { Self.rows(of: "std2", in: $0).contains { $0.contains("generating") } }
        let done = try tmux.waitForScreen("both done, billed", timeout: 180) { screen in
            let rows = Self.rows(of: "std2", in: screen)
            return rows.count == 2 && rows.allSatisfy { $0.contains("done") && Self.cost(in: $0) != nil } && screen.contains("today $")
        }
        let standard = try ui.fake.generations()
        #expect(standard.count == 2 && standard.allSatisfy { $0.model == "topaz-standard-2" && $0.status == "completed" })
        #expect(standard.allSatisfy { $0.fields["upscale_factor"] == "x4" && $0.fields["denoise"] == "0.3" }, "\(standard.map(\.fields))")
        let billed = standard.reduce(Int64(0)) { $0 + $1.billedUSDMicros }
        #expect(Self.statusBar(done)?.contains("today \(Self.dollars(billed))") == true, "today's spend is what the fake billed:\n\(done)")
        let alphaRow = try #require(Self.rows(of: "std2", in: done).first { $0.contains("alpha.png") })
        #expect(Self.cost(in: alphaRow) == alphaQuote, "alpha billed what it was quoted:\n\(done)")

        // Alpha again through topaz-bloom-2: `e` on its row (newest first: bravo, alpha), `m`
        // (x4 comes along), Ctrl-S (one cheap image: sent at once).
        try tmux.key("Tab", "Tab")
        try Self.selectJob(row: 1, model: "topaz-standard-2", source: "alpha", tmux)
        try tmux.key("e")
        try tmux.waitForScreen("alpha loaded into the pane") { $0.contains("from alpha.png") }
        try tmux.key("m")
        try tmux.waitForScreen("the model chooser") { $0.contains("topaz-bloom-2") && $0.contains("nano-banana-pro") }
        try tmux.type("bloom")
        try tmux.key("Enter")
        try tmux.waitForScreen("topaz-bloom-2 chosen at x4 (the factor comes along) for alpha, quoted", timeout: 60) {
            Self.modelLine($0)?.contains("topaz-bloom-2") == true && $0.contains("[x4]") && $0.contains("64x48 -> 256x192")
                && Self.quotedPrice($0) != nil
        }
        try tmux.key("C-s")
        try tmux.waitForScreen("the bloom job done, billed", timeout: 180) { screen in
            Self.rows(of: "bloom2", in: screen).contains { $0.contains("alpha.png") && $0.contains("done") && Self.cost(in: $0) != nil }
        }

        // Both of alpha's results marked in the results pane (bloom newest, then bravo, then
        // alpha through standard-2), then `c`.
        try tmux.key("Tab")
        try Self.selectJob(row: 0, model: "topaz-bloom-2", source: "alpha", tmux)
        try tmux.key("Space")
        try Self.selectJob(row: 2, model: "topaz-standard-2", source: "alpha", tmux)
        try tmux.key("Space")
        try tmux.key("c")
        let compare = try tmux.waitForScreen("the compare view") { screen in
            screen.contains("Compare · Esc back") && ScreenText.line(of: "topaz-bloom-2 x4", in: screen)?.contains("topaz-standard-2 x4") == true
        }
        let all = try ui.fake.generations()
        let bloom = try #require(all.first { $0.model == "topaz-bloom-2" })
        #expect(compare.contains(Self.dollars(bloom.billedUSDMicros)) && compare.contains(alphaQuote), "both costs shown:\n\(compare)")

        // The fake's record: one POST per job, every quote free.
        let calls = try ui.fake.receivedV2Calls()
        let posts = calls.filter { $0.kind == .upscale }
        #expect(posts.count == 3 && posts.allSatisfy { $0.status == 200 }, "\(posts)")
        #expect(calls.contains { $0.kind == .quote }, "the pane asked for quotes")
        #expect(all.count == 3, "quotes started no generation: \(all.map(\.generationID))")
        try tmux.key("Escape")
        try ui.quit()
    }

    /// The parameters pane's "Model …" line.
    static func modelLine(_ screen: String) -> String? { ScreenText.line(of: "Model ", in: screen) }

    /// The price on the pane's Price row once quoted ("$0.0015"), not while asking.
    static func quotedPrice(_ screen: String) -> String? {
        guard let line = ScreenText.line(of: "Price ", in: screen), !line.contains("asking") else { return nil }
        return dollarsText(in: line)
    }

    /// Result rows naming `model`.
    static func rows(of model: String, in screen: String) -> [String] {
        screen.split(separator: "\n").map(String.init).filter { $0.contains(model) && $0.contains(".png") }
    }

    /// A row's cost: a "$…" amount without "~" (billed, not quoted).
    static func cost(in row: String) -> String? {
        guard !row.contains("~$") else { return nil }
        return dollarsText(in: row)
    }

    static func dollarsText(in text: String) -> String? {
        text.range(of: #"\$\d+\.\d+"#, options: .regularExpression).map { String(text[$0]) }
    }

    /// The status bar: the line with today's spend.
    static func statusBar(_ screen: String) -> String? { ScreenText.line(of: "today $", in: screen) }

    /// Micro-dollars as the UI writes them (USDMicros.text).
    static func dollars(_ micros: Int64) -> String { USDMicros.text(micros) }

    /// Selects the results pane's `row` (0: the newest) and waits for its details to name the
    /// job's model and its result file ("<source>-upscaled-…").
    static func selectJob(row: Int, model: String, source: String, _ tmux: TmuxSession) throws {
        try tmux.key("Home")
        for _ in 0..<row { try tmux.key("Down") }
        try tmux.waitForScreen("the details of \(source) through \(model)") { screen in
            ScreenText.line(of: "Model   ", in: screen)?.contains(model) == true
                && ScreenText.line(of: "File    ", in: screen)?.contains("/\(source)-upscaled-") == true
        }
    }
}
