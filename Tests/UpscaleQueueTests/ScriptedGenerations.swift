import Foundation
import IdeogramClient
import IdeogramKit
import UpscaleQueue

/// What one poll of a scripted generation answers.
enum PollStep: Sendable {
    case pending
    /// `images` entries; those in `withheld` are `is_image_safe: false` with no URL.
    case completed(images: Int = 1, withheld: Set<Int> = [], billed: Int64? = nil)
    case failed(reason: String)
    case fail(UpscaleError)
}

/// The v2 side of the scripted service: POSTs scripted per source file name with the same
/// `ServiceStep`s (`.succeed` accepts), polls scripted per file name with `PollStep`s; an
/// unscripted poll completes with one image. Each accepted generation counts as one image in
/// progress until a poll completes or fails it.
actor GenerationScript {
    struct Submission: Sendable {
        var fileName: String
        var request: V2Request
        var generationID: String?
    }

    private(set) var submissions: [Submission] = []
    private(set) var polled: [String] = []
    private var polls: [String: [PollStep]] = [:]
    private var fileOfGeneration: [String: String] = [:]
    private var inProgress: Set<String> = []
    private var posting = 0
    private(set) var maxImages = 0
    /// Source file names quoted, in order; a quote answers `quotePrice` unless a failure is scripted.
    private(set) var quoted: [String] = []
    private(set) var quotePrice: Int64 = 100_000
    private var quoteFailures: [String: [UpscaleError]] = [:]

    func recordQuote(_ fileName: String) -> Result<Int64, UpscaleError> {
        quoted.append(fileName)
        var failures = quoteFailures[fileName] ?? []
        guard !failures.isEmpty else { return .success(quotePrice) }
        let failure = failures.removeFirst()
        quoteFailures[fileName] = failures
        return .failure(failure)
    }

    func setQuotePrice(_ micros: Int64) { quotePrice = micros }
    func failQuotes(of fileName: String, with errors: [UpscaleError]) { quoteFailures[fileName, default: []] += errors }

    func addPolls(_ steps: [PollStep], for name: String) { polls[name, default: []] += steps }

    func beginPost(_ fileName: String, _ request: V2Request) -> Int {
        submissions.append(Submission(fileName: fileName, request: request))
        posting += 1
        maxImages = max(maxImages, posting + inProgress.count)
        return submissions.count
    }

    func endPost(number: Int, accepted: String?) {
        posting -= 1
        guard let accepted else { return }
        submissions[number - 1].generationID = accepted
        fileOfGeneration[accepted] = submissions[number - 1].fileName
        inProgress.insert(accepted)
    }

    func poll(_ generationID: String) -> PollStep? {
        polled.append(generationID)
        guard let name = fileOfGeneration[generationID] else { return nil }
        var steps = polls[name] ?? []
        let step = steps.isEmpty ? PollStep.completed() : steps.removeFirst()
        polls[name] = steps
        switch step {
        case .completed, .failed: inProgress.remove(generationID)
        case .pending, .fail: break
        }
        return step
    }

    func polls(of fileName: String) -> Int {
        polled.count { fileOfGeneration[$0] == fileName }
    }
}

extension ScriptedService: GenerationService {
    func script(_ fileName: String, polls steps: PollStep...) async {
        await generations.addPolls(steps, for: fileName)
    }

    func submitGeneration(image: SourceImage, request: V2Request, endpoint: Endpoint,
                          progress: (@Sendable (UploadProgress) -> Void)?) async throws(UpscaleError) -> GenerationAccepted {
        let number = await generations.beginPost(image.fileName, request)
        let outcome: Result<UpscaleResult, UpscaleError>
        do throws(UpscaleError) {
            outcome = .success(try await upscale(image: image, request: UpscaleRequest(), endpoint: endpoint, progress: progress))
        } catch {
            outcome = .failure(error)
        }
        let generationID = "gen-\(image.fileName)-\(number)"
        await generations.endPost(number: number, accepted: (try? outcome.get()).map { _ in generationID })
        _ = try outcome.get()
        return GenerationAccepted(generationID: generationID)
    }

    func poll(generationID: String, endpoint: Endpoint) async throws(UpscaleError) -> GenerationPoll {
        guard let step = await generations.poll(generationID) else {
            throw .unexpectedStatus(status: 404, message: "generation not found")
        }
        switch step {
        case .pending:
            return GenerationPoll(generationID: generationID, status: .pending)
        case .failed(let reason):
            return GenerationPoll(generationID: generationID, status: .failed, failureReason: reason)
        case .fail(let error):
            throw error
        case .completed(let images, let withheld, let billed):
            let data = (0..<images).map { index in
                GeneratedImage(url: withheld.contains(index) ? nil : "https://results.test/\(generationID)-\(index).png",
                               resolution: "256x192", seed: 7, isImageSafe: !withheld.contains(index))
            }
            return GenerationPoll(generationID: generationID, status: .completed, data: data, usageCostUSDMicros: billed)
        }
    }

    func quote(image: SourceImage, request: V2Request, endpoint: Endpoint) async throws(UpscaleError) -> PriceQuote {
        PriceQuote(usdMicros: try await generations.recordQuote(image.fileName).get(), qualifier: .exact)
    }
}
