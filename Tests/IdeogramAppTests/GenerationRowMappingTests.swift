import Foundation
import IdeogramKit
import TerminalUI
import Testing
@testable import IdeogramApp
@testable import UpscaleQueue

/// Issue 16: a v2 job's row carries its model and fields, its generation, the quote, what was
/// billed and, when it failed, the service's own reason.
@Suite struct GenerationRowMappingTests {
    static let sent = Date(timeIntervalSince1970: 1_700_000_000)
    static let request = try! V2Request(model: .topazStandard2, values: [.upscaleFactor: .choice("x4"), .denoise: .decimal(0.3)])
    static let quote = PriceQuote(usdMicros: 125_830, qualifier: .exact)

    static func job(_ state: JobState, generationID: String?, billed: Int64?) -> Job {
        var job = Job(id: JobID(rawValue: "g1"), sourcePath: "/data/pics/beach.png", imageDigest: "", request: UpscaleRequest(),
                      endpoint: Endpoint.official(), outputDirectory: "/data/out", submittedAt: sent)
        job.generation = GenerationJob(request: request, generationID: generationID, quote: quote, billedUSDMicros: billed)
        job.state = state
        job.sentAt = sent
        job.updatedAt = sent.addingTimeInterval(9)
        return job
    }

    @Test func aGeneratingJobKeepsItsRequestIdAndQuote() {
        let row = JobRowMapping.row(Self.job(.generating(generationID: "xtdZiq"), generationID: "xtdZiq", billed: nil), uploadFraction: nil)
        #expect(row.state == .generating && row.startedAt == Self.sent)
        #expect(row.generation == JobRowGeneration(request: Self.request, generationID: "xtdZiq", quote: Self.quote))
        #expect(row.modelName == "std2" && row.keyFields == "x4 dn.3")
        #expect(row.cost(legacyPriceUSDMicros: 60_000) == .quoted(Self.quote))
    }

    @Test func aFailedGenerationCarriesTheServicesReasonAndNothingBilled() {
        let failed = Self.job(.failed(.generationFailed(reason: "content_policy_violation")), generationID: "xtdZiq", billed: 0)
        let row = JobRowMapping.row(failed, uploadFraction: nil)
        #expect(row.state == .failed && row.finishedAt == Self.sent.addingTimeInterval(9))
        #expect(row.generation?.failureReason == "content_policy_violation")
        #expect(row.cost(legacyPriceUSDMicros: 60_000) == .billed(0))
    }

    @Test func aDoneGenerationShowsWhatWasBilledAndNoReason() {
        let row = JobRowMapping.row(Self.job(.done, generationID: "xtdZiq", billed: 125_000), uploadFraction: nil)
        #expect(row.generation?.failureReason == nil && row.generation?.billedUSDMicros == 125_000)
        #expect(row.cost(legacyPriceUSDMicros: 60_000)?.text == "$0.13")
    }

    /// Another job's failure (a network error) is no service reason.
    @Test func onlyAFailedGenerationHasAReason() {
        #expect(JobRowMapping.failureReason(.failed(.network(message: "reset"))) == nil)
        #expect(JobRowMapping.failureReason(.done) == nil)
    }
}
