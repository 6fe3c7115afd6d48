import Foundation
import IdeogramKit
import Testing
@testable import HeadlessCommands

/// `upscale --model`: a v2 model takes its own fields only, checked by `V2Request`, and every
/// refusal names the option and the model before anything is sent or queued.
@Suite struct ModelOptionsTests {
    private let folder = NSTemporaryDirectory() + "model-options-\(UUID().uuidString.prefix(8))"

    /// The smallest PNG of this size the intake takes whole (IHDR, IEND; CRCs unchecked).
    private func png(_ name: String, width: UInt32, height: UInt32) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
        for value in [width, height] { bytes += withUnsafeBytes(of: value.bigEndian, Array.init) }
        bytes += [8, 2, 0, 0, 0, 0, 0, 0, 0]
        bytes += [0, 0, 0, 0] + Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82]
        let path = folder + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The options run as the command runs them, against an address nothing listens on.
    private func run(_ options: UpscaleOptions) async -> (status: HeadlessCommands.ExitStatus, err: String, historyExists: Bool) {
        var options = options
        options.baseURL = "http://127.0.0.1:9"
        options.dialect = options.dialect ?? .official
        options.historyPath = folder + "/history.sqlite"
        options.out = folder + "/out"
        let captured = CapturedOutput()
        let status = await options.run(environment: ["HOME": folder, "IDEOGRAM_API_KEY": "sk-test-0123456789abcd"], output: captured.console)
        return (status, captured.err, FileManager.default.fileExists(atPath: folder + "/history.sqlite"))
    }

    private func options(_ model: UpscaleModel, files: [String] = []) -> UpscaleOptions {
        var options = UpscaleOptions()
        options.files = files
        options.model = .v2(model)
        return options
    }

    @Test func legacyOnlyOptionsAndFieldsTheModelDoesNotTakeAreRefusedByName() async throws {
        var options = options(.topazStandard2, files: [try png("a.png", width: 64, height: 64)])
        options.legacyOptionsGiven = ["--resemblance", "--num-images"]
        options.seed = 4
        options.fields = [.texture: "2", .denoise: "2"]
        let result = await run(options)
        #expect(result.status == .badInput)
        #expect(result.err.contains("--resemblance is a legacy option: topaz-standard-2 does not take it"))
        #expect(result.err.contains("--num-images is a legacy option: topaz-standard-2 does not take it"))
        #expect(result.err.contains("--seed is not an option topaz-standard-2 takes"))
        #expect(result.err.contains("--texture is not an option topaz-standard-2 takes"))
        #expect(result.err.contains("--denoise with topaz-standard-2: denoise 2 is out of range: allowed 0 to 1"))
        #expect(result.err.hasSuffix("nothing was sent\n"))
        #expect(!result.historyExists, "nothing was queued")
    }

    @Test func valuesAreParsedByTheFieldsKind() async throws {
        var options = options(.topazWonder4, files: [try png("a.png", width: 64, height: 64)])
        options.fields = [.upscaleFactor: "x8"]
        let factor = await run(options)
        #expect(factor.err.contains("--factor with topaz-wonder-4: upscale_factor x8 is not valid: allowed x2 or x4 with topaz-wonder-4"))

        var bloom = self.options(.topazBloom2, files: options.files)
        bloom.fields = [.colorPreservation: "maybe", .creativity: "3"]
        let toggle = await run(bloom)
        #expect(toggle.status == .badInput)
        #expect(toggle.err.contains("--color-preservation with topaz-bloom-2: color_preservation maybe is not valid: allowed true or false"))
        #expect(!toggle.historyExists)
    }

    @Test func theOutputSizeIsCheckedPerFileWithBothSizes() async throws {
        var options = options(.topazStandard2, files: [try png("small.png", width: 64, height: 64), try png("big.png", width: 1200, height: 1100)])
        options.fields = [.upscaleFactor: "x8"]
        let result = await run(options)
        #expect(result.status == .badInput)
        #expect(result.err.contains("big.png: --factor with topaz-standard-2: upscale_factor x8 is not valid: "
            + "allowed an output of at most 8192 pixels a side: 1200x1100 x8 would be 9600x8800"))
        #expect(!result.err.contains("small.png"))
        #expect(!result.historyExists)
    }

    @Test func anAggregatorDialectIsRefusedForV2Models() async throws {
        var options = options(.auto, files: [try png("a.png", width: 64, height: 64)])
        options.dialect = .aggregator
        let result = await run(options)
        #expect(result.status == .badInput)
        #expect(result.err.contains("--dialect aggregator: auto is a v2 model, which only the official service offers"))
    }

    @Test func theLegacyModelTakesNoV2FieldAndNoQuote() async throws {
        var options = UpscaleOptions()
        options.files = [try png("a.png", width: 64, height: 64)]
        options.fields = [.sharpen: "0.5"]
        let field = await run(options)
        #expect(field.status == .badInput && field.err.contains("--sharpen needs a v2 model"))
        options.fields = [:]
        options.quote = true
        let quote = await run(options)
        #expect(quote.status == .badInput && quote.err.contains("--quote needs a v2 model"))
    }

    @Test func aValidRequestIsPlannedWithItsModel() throws {
        var options = options(.topazRedefine)
        options.resume = true
        options.prompt = "sharper"
        options.fields = [.autoprompt: "true", .texture: "3", .upscaleFactor: "X4"]
        let plan = try options.makePlan(settings: try options.settings(environment: [
            "HOME": folder, "IDEOGRAM_API_KEY": "sk-test-0123456789abcd", "IDEOGRAM_BASE_URL": "http://127.0.0.1:9",
        ]))
        let sent = Dictionary(uniqueKeysWithValues: (plan.generation?.formFields ?? []).map { ($0.name, $0.value) })
        #expect(sent == ["upscale_factor": "x4", "prompt": "sharper", "autoprompt": "true", "texture": "3"])
    }

    @Test func quoteTotalsMarkEstimates() {
        #expect(QuoteRun.total([PriceQuote(usdMicros: 185, qualifier: .exact), PriceQuote(usdMicros: 630_000, qualifier: .exact)]) == "$0.63")
        #expect(QuoteRun.total([PriceQuote(usdMicros: 420_000, qualifier: .exact), PriceQuote(usdMicros: 100_000, qualifier: .estimate)]) == "~$0.52")
    }
}
