import Foundation
import IdeogramKit
@testable import TerminalUI

/// v2 jobs (issue 16): one picture through topaz-standard-2 in every state, the same picture
/// through topaz-bloom-2, and states showing them in the results pane, details and compare view.
enum GenerationFixtures {
    static let t0 = Fixtures.t0
    static let standard = try! V2Request(model: .topazStandard2, values: [
        .upscaleFactor: .choice("x4"), .denoise: .decimal(0.3), .subjectDetection: .choice("foreground"),
    ])
    static let bloom = try! V2Request(model: .topazBloom2, values: [
        .prompt: .text("a quiet harbour at dawn"), .creativity: .integer(5),
    ])
    static let standardQuote = PriceQuote(usdMicros: 125_830, qualifier: .exact)
    static let bloomQuote = PriceQuote(usdMicros: 377_490, qualifier: .exact)

    /// The states a v2 job passes through, in order, each named for its golden screen.
    static let states: [(String, JobRowState)] = [
        ("queued", .queued), ("uploading", .uploading), ("sending", .waitingForAnswer), ("generating", .generating),
        ("downloading", .downloading), ("done", .done), ("failed", .failed),
    ]

    /// harbour.png through topaz-standard-2 x4, sent 12 s before the fixtures' now (t0 + 25).
    static func standardJob(_ state: JobRowState) -> JobRow {
        var row = JobRow(id: "g1", sourceName: "harbour.png", sourcePath: "/data/pics/harbour.png", state: state,
                         request: UpscaleRequest(), submittedAt: t0.addingTimeInterval(12),
                         startedAt: state == .queued ? nil : t0.addingTimeInterval(13))
        var generation = JobRowGeneration(request: standard, quote: standardQuote)
        if ![.queued, .uploading, .waitingForAnswer].contains(state) { generation.generationID = "xtdZiqPwRxqY1Y7NExFmzB" }
        switch state {
        case .uploading:
            row.uploadFraction = 0.6
        case .downloading:
            row.resultResolution = "4096x3072"
        case .done:
            finish(&row, file: "/data/out/harbour-std2.png", seed: 12345)
            generation.billedUSDMicros = 125_830
        case .failed:
            row.finishedAt = t0.addingTimeInterval(21)
            row.errorText = "the generation failed (content_policy_violation); it was not billed"
            generation.billedUSDMicros = 0
            generation.failureReason = "content_policy_violation"
        default:
            break
        }
        row.generation = generation
        return row
    }

    /// The same picture through topaz-bloom-2 (x2 by default), done and billed.
    static func bloomJob(sourcePath: String = "/data/pics/harbour.png") -> JobRow {
        var row = JobRow(id: "g2", sourceName: (sourcePath as NSString).lastPathComponent, sourcePath: sourcePath, state: .done,
                         request: UpscaleRequest(), submittedAt: t0.addingTimeInterval(14), startedAt: t0.addingTimeInterval(14))
        finish(&row, file: "/data/out/harbour-bloom2.png", seed: 777, resolution: "2048x1536")
        row.generation = JobRowGeneration(request: bloom, generationID: "bLoOm2GenerationId0000", quote: bloomQuote,
                                          billedUSDMicros: 377_490)
        return row
    }

    private static func finish(_ row: inout JobRow, file: String, seed: Int, resolution: String = "4096x3072") {
        row.finishedAt = t0.addingTimeInterval(21)
        row.resultResolution = resolution
        row.seed = seed
        row.resultURL = "https://ideogram.ai/api/images/ephemeral/\(seed).png"
        row.localFile = file
        row.billedImages = 1
        row.images = [JobImage(resolution: resolution, seed: seed, prompt: "", url: row.resultURL, localFile: file, outcome: .saved)]
    }

    /// The standard job in `state`, selected in the results pane beside the usual jobs.
    static func rowState(_ state: JobRowState, size: Size) -> AppState {
        Fixtures.resultsState(size: size, adding: [standardJob(state)])
    }

    /// The done standard job's details (Enter).
    static func detailsState(size: Size) -> AppState {
        var state = rowState(.done, size: size)
        PictureFixtures.deliver(update(&state, .key(.enter)), into: &state, facts: PictureFixtures.facts)
        return state
    }

    /// Both harbour jobs marked (standard first) and compared, their pictures delivered.
    static func compareState(size: Size, bloomSource: String = "/data/pics/harbour.png") -> AppState {
        var state = Fixtures.resultsState(size: size, adding: [standardJob(.done), bloomJob(sourcePath: bloomSource)])
        select("g1", &state)
        _ = update(&state, .key(.char(" ")))
        select("g2", &state)
        _ = update(&state, .key(.char(" ")))
        PictureFixtures.deliver(update(&state, .key(.char("c"))), into: &state, facts: facts)
        return state
    }

    /// The pictures' facts: the 1024x768 source, its x4 and x2 results.
    static func facts(_ slot: PreviewSlot) -> PreviewFacts {
        switch slot {
        case .compareFirst: PreviewFacts(format: "PNG", width: 4096, height: 3072, fileSize: 21_000_000)
        case .compareSecond, .result, .enlarged: PreviewFacts(format: "PNG", width: 2048, height: 1536, fileSize: 5_600_000)
        case .file, .source, .compareSource: PictureFixtures.beach
        }
    }

    static func select(_ id: JobRowID, _ state: inout AppState) {
        if let index = state.results.jobs.firstIndex(where: { $0.id == id }) { state.results.select(index: index) }
    }
}
