import Foundation
import IdeogramKit
import Testing
@testable import TerminalUI

/// Choosing models, their fields, the quote's pause, and what Ctrl-S, `e` and `r` send.
@Suite struct ModelParametersTests {
    static let beach = "/data/pics/beach.png"

    /// beach.png (1024x768) selected, the parameters pane focused on `model`'s fields.
    static func state(_ model: UpscaleModel?, defaults: [UpscaleModel: [UpscaleField: FieldValue]] = [:]) -> AppState {
        var s = Fixtures.state()
        if !defaults.isEmpty { s.parameters = ParametersState(modelDefaults: defaults) }
        s.files.cursor = 3
        s.focus = .parameters
        s.parameters.choose(model)
        s.parameters.focus = .resemblance
        return s
    }

    @Test func theChooserFiltersPicksAndLeavesTheFocusWhereItWas() {
        var s = Fixtures.state()
        _ = update(&s, [.key(.char("m")), .paste("bloom")])
        guard case .modelChooser(let chooser)? = s.overlay else { Issue.record("no chooser"); return }
        #expect(chooser.entries.map(\.model) == [.topazBloom2])
        _ = update(&s, .key(.enter))
        #expect(s.parameters.models.model == .topazBloom2)
        #expect(s.focus == .files && s.overlay == nil)
        _ = update(&s, [.key(.char("m")), .key(.up), .key(.escape)])
        #expect(s.parameters.models.model == .topazBloom2, "Esc keeps the model")
    }

    @Test func eachModelKeepsItsOwnValuesAndPrompt() {
        var s = Self.state(nil, defaults: [.topazStandard2: [.denoise: .decimal(0.2)]])
        s.parameters.prompt.setText("legacy words")
        s.parameters.choose(.topazStandard2)
        #expect(s.parameters.models.value(.denoise) == .decimal(0.2), "config defaults come in")
        s.parameters.models.focus = .denoise
        _ = update(&s, [.key(.right), .key(.shiftRight)])
        #expect(s.parameters.models.value(.denoise) == .decimal(0.31))
        s.parameters.choose(.topazBloom2)
        s.parameters.prompt.setText("a castle")
        s.parameters.choose(.topazStandard2)
        #expect(s.parameters.models.value(.denoise) == .decimal(0.31))
        s.parameters.choose(.topazBloom2)
        #expect(s.parameters.prompt.text == "a castle")
        s.parameters.choose(nil)
        #expect(s.parameters.prompt.text == "legacy words")
    }

    @Test func aFactorSetComesAlongToAModelWithNoneSet() {
        var s = Self.state(.topazStandard2)
        s.parameters.models.set(.upscaleFactor, .choice("x4"))
        s.parameters.choose(.topazBloom2)
        #expect(s.parameters.models.value(.upscaleFactor) == .choice("x4"), "compared at the same size")
        s.parameters.models.set(.upscaleFactor, .choice("x2"))
        s.parameters.choose(.topazStandard2)
        s.parameters.choose(.topazBloom2)
        #expect(s.parameters.models.value(.upscaleFactor) == .choice("x2"), "a model's own factor is kept")
        s.parameters.models.set(.upscaleFactor, .choice("x8"))
        s.parameters.choose(.topazWonder4)
        #expect(s.parameters.models.value(.upscaleFactor) == nil, "x8 is not a factor topaz-wonder-4 takes")
        _ = update(&s, .imageInspected(FilePath(Self.beach), .image(format: "PNG", width: 40, height: 30)))
        #expect(render(s, size: s.size).lines.joined().contains("40x30 -> 80x60, under 0.1 MP"))
    }

    @Test func aDecimalIsTypedAsWrittenAndErasedBackToAuto() {
        var s = Self.state(.topazStandard2)
        s.parameters.models.focus = .denoise
        _ = update(&s, [.key(.char(".")), .key(.char("3"))])
        #expect(s.parameters.models.value(.denoise) == .decimal(0.3))
        #expect(s.parameters.typedDigits == ".3")
        _ = update(&s, .key(.char("5")))
        #expect(s.parameters.models.value(.denoise) == .decimal(0.35))
        _ = update(&s, .key(.char(".")))
        #expect(s.parameters.typedDigits == ".35", "a second point is refused")
        _ = update(&s, [.key(.backspace), .key(.backspace)])
        #expect(s.parameters.typedDigits == "." && s.parameters.models.value(.denoise) == nil, "\".\" alone is no number: auto")
        _ = update(&s, [.key(.backspace), .key(.char("2"))])
        #expect(s.parameters.models.value(.denoise) == .decimal(2))
        #expect(s.parameters.problems.contains { $0.field == "denoise" }, "out of range shows as the field's problem")
        _ = update(&s, .key(.down))
        #expect(s.parameters.typedDigits == nil, "moving on ends the typing")
    }

    @Test func fieldsStepFromAutoAndGoBackToIt() {
        var s = Self.state(.topazStandard2)
        s.parameters.models.focus = .faceEnhancement
        _ = update(&s, .key(.char(" ")))
        #expect(s.parameters.models.value(.faceEnhancement) == .toggle(true))
        #expect(s.parameters.models.visibleFields.contains(.faceEnhancementStrength), "the strengths appear with faces on")
        #expect(s.parameters.problems.isEmpty, "they start set, so faces on can be sent")
        _ = update(&s, .key(.char("a")))
        #expect(s.parameters.models.value(.faceEnhancement) == nil)
        #expect(s.parameters.models.value(.faceEnhancementStrength) == nil)
        #expect(render(s, size: s.size).lines.joined().contains("[auto]"))
    }

    @Test func theQuoteIsAskedOnceTheRequestStandsStillAndIsKept() {
        var s = Self.state(.topazStandard2)
        let t = Fixtures.t0.addingTimeInterval(100)
        var asked: [Effect] = []
        // A key, a tick, a key, a tick: never quiet for the pause.
        for step in 0..<3 {
            asked += update(&s, .key(.right)).filter(Self.isQuote)
            asked += update(&s, .tick(t.addingTimeInterval(Double(step) * QuoteBook.pause / 2))).filter(Self.isQuote)
        }
        #expect(asked.isEmpty)
        #expect(s.needsTicks, "ticks come while a quote waits for its pause")
        let later = t.addingTimeInterval(10)
        asked += update(&s, [.tick(later), .tick(later.addingTimeInterval(QuoteBook.pause))]).filter(Self.isQuote)
        guard case .requestQuote(let key)? = asked.first, asked.count == 1 else { Issue.record("one quote: \(asked)"); return }
        #expect(key.sourcePath == Self.beach && key.width == 1024 && key.request.factor == .x8 && key.request.model == .topazStandard2)
        _ = update(&s, .quoteAnswered(key, .quoted(PriceQuote(usdMicros: 420_000, qualifier: .exact))))
        #expect(render(s, size: s.size).lines.joined().contains("$0.42"))
        #expect(!s.quotes.isWaiting)
        // Away and back: the answer is kept, nothing is asked again.
        _ = update(&s, [.key(.right), .key(.left)])
        #expect(update(&s, [.tick(later.addingTimeInterval(20)), .tick(later.addingTimeInterval(30))]).filter(Self.isQuote).isEmpty)
    }

    static func isQuote(_ effect: Effect) -> Bool { if case .requestQuote = effect { true } else { false } }

    @Test func anImpossibleOutputIsRefusedBeforeAnythingIsSent() {
        var s = Self.state(.topazStandard2)
        _ = update(&s, .imageInspected(FilePath(Self.beach), .image(format: "PNG", width: 1200, height: 900)))
        s.parameters.models.set(.upscaleFactor, .choice("x8"))
        #expect(render(s, size: s.size).lines.joined().contains("impossible"), "shown before any submit key")
        #expect(update(&s, .key(.ctrl("s"))).isEmpty)
        #expect(s.message?.text.contains("upscale_factor") == true)
    }

    @Test func aSourceAtTheTierIsShownImpossibleAndRefused() {
        var s = Self.state(.nanoBananaPro)
        s.size = Size(columns: 120, rows: 40)
        _ = update(&s, .imageInspected(FilePath(Self.beach), .image(format: "PNG", width: 2100, height: 900)))
        #expect(render(s, size: s.size).lines.joined().contains("impossible: 2100x900 is already at or above 2K"), "shown before any submit key")
        #expect(update(&s, .key(.ctrl("s"))).isEmpty)
        #expect(s.message?.text.contains("2100x900 is already at or above 2K (2048 pixels on the long side)") == true, "\(String(describing: s.message))")
        s.parameters.models.set(.resolutionTier, .choice("4K"))
        #expect(render(s, size: s.size).lines.joined().contains("2100x900 -> 4K tier"))
        #expect(update(&s, .key(.ctrl("s"))).count == 1, "4K is above the source: sent")
    }

    @Test func anInvalidFieldIsRefusedNamingIt() {
        var s = Self.state(.topazBloom2)
        s.parameters.models.focus = .creativity
        _ = update(&s, [.key(.char("1")), .key(.char("2"))])
        #expect(update(&s, .key(.ctrl("s"))).isEmpty)
        #expect(s.message?.text.contains("creativity") == true)
        #expect(s.parameters.models.focus == .creativity)
    }

    @Test func oneImageIsSentWithItsQuoteAndAnExpensiveOneAsksFirst() {
        var s = Self.state(.topazStandard2)
        let t = Fixtures.t0.addingTimeInterval(100)
        _ = update(&s, [.tick(t), .tick(t.addingTimeInterval(1))])
        let key = s.quotes.wanted!
        let quote = PriceQuote(usdMicros: 125_830, qualifier: .exact)
        _ = update(&s, .quoteAnswered(key, .quoted(quote)))
        var cheap = s
        let request = try! V2Request(model: .topazStandard2, values: [:])
        #expect(update(&cheap, .key(.ctrl("s"))) == [.submit([JobSubmission(sourcePath: Self.beach, v2Request: request, quote: quote)])])
        s.confirmOverUSDMicros = 100_000
        #expect(update(&s, .key(.ctrl("s"))).isEmpty)
        guard case .confirm(let question)? = s.overlay else { Issue.record("no question"); return }
        #expect(ConfirmOverlayView.moneyLines(question, s).first == "Model topaz-standard-2 · total $0.13")
    }

    @Test func aLegacyImageOverTheThresholdAsksFirst() {
        var s = Self.state(nil)
        s.legacyPriceUSDMicros = 2_000_000
        guard case .findRepeats(let subs, let check)? = update(&s, .key(.ctrl("s"))).first else { Issue.record("sent at once"); return }
        _ = update(&s, .repeatsFound(check: check, paths: []))
        guard case .confirm(let question)? = s.overlay else { Issue.record("no question"); return }
        #expect(question == .submit(subs, leftOut: []))
        #expect(ConfirmOverlayView.moneyLines(question, s).first == "Model legacy · total ~$2.00")
    }

    @Test func theCapLineSaysWhatItWouldStop() {
        var s = Self.state(.topazStandard2)
        s.spend = SpendStatus(todayUSDMicros: 9_900_000, capUSDMicros: 10_000_000)
        let request = try! V2Request(model: .topazStandard2, values: [:])
        let subs = ["/a.png", "/b.png"].map { JobSubmission(sourcePath: $0, v2Request: request, quote: PriceQuote(usdMicros: 60_000, qualifier: .exact)) }
        let lines = ConfirmOverlayView.moneyLines(.submit(subs, leftOut: []), s)
        #expect(lines == ["Model topaz-standard-2 · total $0.12", "Today $9.90 → $10.02 after this (cap $10.00)",
                          "The spending cap would stop 1 of 2: only 1 fit under it."])
        #expect(render(s, size: s.size).lines[s.size.rows - 2].contains("today $9.90 / cap $10.00"))
    }

    static func v2Job() -> JobRow {
        let request = try! V2Request(model: .topazBloom2, values: [.upscaleFactor: .choice("x4"), .prompt: .text("a calm sea"), .creativity: .integer(5)])
        var job = JobRow(id: "g1", sourceName: "beach.png", sourcePath: beach, state: .done, request: UpscaleRequest(),
                         submittedAt: Fixtures.t0)
        job.generation = JobRowGeneration(request: request, generationID: "gen-1", quote: PriceQuote(usdMicros: 377_500, qualifier: .exact))
        return job
    }

    @Test func eLoadsAV2JobsModelAndFieldsAndRResendsItAfterAskingWithThePrice() {
        var s = Fixtures.state()
        _ = update(&s, .jobsChanged(Fixtures.jobs() + [Self.v2Job()]))
        s.focus = .results
        s.results.selectedID = "g1"
        _ = update(&s, .key(.char("e")))
        #expect(s.parameters.models.model == .topazBloom2)
        #expect(s.parameters.models.value(.creativity) == .integer(5))
        #expect(s.parameters.prompt.text == "a calm sea")
        #expect(s.parameters.v2Request == Self.v2Job().generation?.request)
        s.focus = .results
        #expect(update(&s, .key(.char("r"))).filter(Self.isQuote).isEmpty, "the job's own quote: nothing to ask")
        guard case .confirm(let question)? = s.overlay else { Issue.record("no question"); return }
        #expect(ConfirmOverlayView.moneyLines(question, s).first == "Model topaz-bloom-2 · total $0.38")
        let sent = update(&s, .key(.char("y"))).filter { if case .submit = $0 { true } else { false } }
        #expect(sent == [.submit([JobSubmission(sourcePath: Self.beach, v2Request: Self.v2Job().generation!.request,
                                                quote: PriceQuote(usdMicros: 377_500, qualifier: .exact), basedOn: "g1")])])
    }

    @Test func eFromAnotherFolderReadsTheSourcesSizeForTheOutputAndTheQuote() {
        let elsewhere = "/data/other/sea.png"
        var job = Self.v2Job()
        job.sourcePath = elsewhere
        var s = Fixtures.state()
        _ = update(&s, .jobsChanged(Fixtures.jobs() + [job]))
        s.focus = .results
        s.results.selectedID = "g1"
        #expect(update(&s, .key(.char("e"))) == [.inspectImages([FilePath(elsewhere)])])
        #expect(render(s, size: s.size).lines.joined().contains("size not read yet"))
        _ = update(&s, .imageInspected(FilePath(elsewhere), .image(format: "PNG", width: 500, height: 400)))
        #expect(render(s, size: s.size).lines.joined().contains("500x400 -> 2000x1600, 3.2 MP"))
        let t = Fixtures.t0.addingTimeInterval(100)
        let asked = update(&s, [.tick(t), .tick(t.addingTimeInterval(1))]).filter(Self.isQuote)
        #expect(asked == [.requestQuote(QuoteKey(sourcePath: elsewhere, request: job.generation!.request, width: 500, height: 400))])
    }

    @Test func aV2BatchIsAskedAboutWithItsModelAndTotal() {
        var s = Self.state(.topazStandard2)
        s.files.marked = [FilePath(Self.beach), FilePath("/data/pics/dunes.png")]
        #expect(update(&s, .key(.ctrl("s"))).filter { if case .submit = $0 { true } else { false } }.isEmpty, "asked first")
        guard case .confirm(let question)? = s.overlay else { Issue.record("no question"); return }
        let text = ConfirmOverlayView.text(question)
        #expect(text[0] == "Upscale 2 images with topaz-standard-2?")
        #expect(!text.joined().contains("billed images"), "no legacy wording: \(text)")
        #expect(ConfirmOverlayView.moneyLines(question, s).first?.hasPrefix("Model topaz-standard-2 · total ") == true)
    }

    @Test func markedImagesAreQuotedAfterTheSamePause() {
        var s = Self.state(.topazStandard2)
        let dunes = "/data/pics/dunes.png"
        _ = update(&s, .imageInspected(FilePath(dunes), .image(format: "PNG", width: 800, height: 600)))
        s.files.marked = [FilePath(Self.beach), FilePath(dunes), FilePath("/data/pics/unread.png")]
        let t = Fixtures.t0.addingTimeInterval(100)
        let asked = update(&s, [.tick(t), .tick(t.addingTimeInterval(1))]).filter(Self.isQuote)
        let request = s.parameters.v2Request!
        #expect(asked == [.requestQuote(QuoteKey(sourcePath: Self.beach, request: request, width: 1024, height: 768)),
                          .requestQuote(QuoteKey(sourcePath: dunes, request: request, width: 800, height: 600))],
                "the pane's image once, then each other marked image whose size is known")
        #expect(update(&s, [.tick(t.addingTimeInterval(2)), .tick(t.addingTimeInterval(3))]).filter(Self.isQuote).isEmpty, "asked once")
    }

    @Test func thePriceRowAddsUpTheMarkedImages() {
        var s = Self.state(.topazStandard2)
        s.size = Size(columns: 120, rows: 40)
        s.files.marked = [FilePath(Self.beach)]
        let key = QuoteKey(sourcePath: Self.beach, request: s.parameters.v2Request!, width: 1024, height: 768)
        _ = update(&s, .quoteAnswered(key, .quoted(PriceQuote(usdMicros: 125_830, qualifier: .exact))))
        #expect(render(s, size: s.size).lines.joined().contains("$0.13 · 1 marked: $0.13"))
        s.files.marked.insert(FilePath("/data/pics/unread.png"))
        #expect(render(s, size: s.size).lines.joined().contains("· 2 marked: ~$0.13 (1 without a price)"), "a size not read yet has no price")
    }

    @Test func aClickFocusesTheFieldDrawnThere() {
        var s = Self.state(.topazBloom2)
        let area = ModelFieldsView.listArea(Layout(size: s.size))
        guard let prompt = ModelFieldsView.placements(s, area: area).first(where: { $0.field == .prompt }) else {
            Issue.record("the prompt is not on screen")
            return
        }
        _ = update(&s, .mouse(MouseEvent(button: .left, x: prompt.rect.x + 20, y: prompt.rect.y)))
        #expect(s.parameters.models.focus == .prompt && s.parameters.focus == .prompt)
        _ = update(&s, .paste("dusk"))
        #expect(s.parameters.v2Values[.prompt] == .text("dusk"))
    }

    @Test func rWithoutTheJobsQuoteAsksAFreshOneAndTheQuestionShowsIt() {
        var job = Self.v2Job()
        job.generation?.quote = nil
        var s = Fixtures.state()
        _ = update(&s, .jobsChanged(Fixtures.jobs() + [job]))
        s.focus = .results
        s.results.selectedID = "g1"
        guard case .requestQuote(let key)? = update(&s, .key(.char("r"))).first(where: Self.isQuote) else {
            Issue.record("no fresh quote asked")
            return
        }
        guard case .confirm(let question)? = s.overlay else { Issue.record("no question"); return }
        #expect(ConfirmOverlayView.moneyLines(question, s).first == "Asking the service for a quote…")
        let fresh = PriceQuote(usdMicros: 380_000, qualifier: .exact)
        _ = update(&s, .quoteAnswered(key, .quoted(fresh)))
        #expect(ConfirmOverlayView.moneyLines(question, s).first == "Model topaz-bloom-2 · total $0.38")
        let sent = update(&s, .key(.char("y"))).filter { if case .submit = $0 { true } else { false } }
        #expect(sent == [.submit([JobSubmission(sourcePath: Self.beach, v2Request: job.generation!.request, quote: fresh, basedOn: "g1")])])
    }

    @Test func eOnALegacyJobGoesBackToLegacy() {
        var s = Fixtures.state()
        s.parameters.choose(.topazWonder35)
        s.focus = .results
        s.results.selectedID = "j1"
        _ = update(&s, .key(.char("e")))
        #expect(s.parameters.models.model == nil)
        #expect(s.parameters.prompt.text == "a beach")
    }
}
