import Foundation
import IdeogramKit
import Testing
@testable import TerminalUI

/// The parameters pane with each model, the price in each of its states, the model chooser
/// and the confirmation with a total and the cap, compared with golden screens.
@Suite struct ModelPaneGoldenTests {
    static let sizes = [Size(columns: 80, rows: 24), Size(columns: 120, rows: 40)]

    /// beach.png (1024x768) selected, the parameters pane focused, `model` chosen.
    static func paneState(_ model: UpscaleModel?, size: Size) -> AppState {
        var state = Fixtures.state(size: size)
        state.files.cursor = 3
        state.focus = .parameters
        state.parameters.choose(model)
        if model != nil { state.parameters.focus = .resemblance }
        return state
    }

    /// Asks the pane's quote (the pause passes) and answers it with `outcome`.
    static func quoted(_ state: inout AppState, _ outcome: QuoteOutcome?) {
        let t = Fixtures.t0.addingTimeInterval(100)
        _ = update(&state, [.tick(t), .tick(t.addingTimeInterval(QuoteBook.pause))])
        if let outcome, let key = state.quotes.wanted { _ = update(&state, .quoteAnswered(key, outcome)) }
    }

    static func modelScenes(_ size: Size) -> [(String, AppState)] {
        var scenes: [(String, AppState)] = [("model-legacy", paneState(nil, size: size))]
        for model in UpscaleModel.allCases {
            var state = paneState(model, size: size)
            if model == .topazStandard2 {
                state.parameters.models.set(.upscaleFactor, .choice("x4"))
                state.parameters.models.set(.denoise, .decimal(0.3))
                state.parameters.models.set(.faceEnhancement, .toggle(true))
            }
            if model.takes(.prompt) {
                state.parameters.prompt.setText("a harbour at dusk, crisp rigging")
                state.parameters.models.focus = .prompt
            }
            quoted(&state, .quoted(PriceQuote(usdMicros: 251_658, qualifier: .exact)))
            scenes.append(("model-\(model.rawValue)", state))
        }
        return scenes
    }

    static func priceScenes(_ size: Size) -> [(String, AppState)] {
        var estimate = paneState(.topazBloom2, size: size)
        quoted(&estimate, .quoted(PriceQuote(usdMicros: 420_000, qualifier: .estimate)))
        var pending = estimate
        _ = update(&pending, .key(.right))  // x2 from auto: a new request, its quote not yet asked
        var failed = pending
        quoted(&failed, .failed("the service failed (503): busy, try again"))
        var impossible = paneState(.topazWonder35, size: size)
        impossible.parameters.models.set(.upscaleFactor, .choice("x8"))
        _ = update(&impossible, .imageInspected(FilePath("/data/pics/beach.png"), .image(format: "PNG", width: 1200, height: 900)))
        return [("quote-estimate", estimate), ("quote-pending", pending), ("quote-failed", failed), ("quote-impossible", impossible)]
    }

    static func overlayScenes(_ size: Size) -> [(String, AppState)] {
        var chooser = paneState(nil, size: size)
        chooser.focus = .files
        _ = update(&chooser, [.key(.char("m")), .paste("topaz"), .key(.down)])
        var confirm = paneState(.topazStandard2, size: size)
        confirm.focus = .files
        _ = update(&confirm, .imageInspected(FilePath("/data/pics/sunset.webp"), .image(format: "WEBP", width: 800, height: 600)))
        quoted(&confirm, .quoted(PriceQuote(usdMicros: 1_258_300, qualifier: .exact)))
        _ = update(&confirm, [.spendChanged(SpendStatus(todayUSDMicros: 3_120_000, capUSDMicros: 4_000_000)),
                              .key(.char(" ")), .key(.down), .key(.char(" ")), .key(.ctrl("s"))])
        return [("model-chooser", chooser), ("confirm-cap", confirm)]
    }

    @Test(arguments: sizes)
    func goldenScreens(size: Size) throws {
        for (name, state) in Self.modelScenes(size) + Self.priceScenes(size) + Self.overlayScenes(size) {
            try GoldenScreenTests().check(render(state, size: size), name: "\(name)-\(size.columns)x\(size.rows)")
        }
    }
}
