import Foundation
import IdeogramClient
import IdeogramKit
import UpscaleQueue

/// What the scripted service does with one call.
indirect enum ServiceStep: Sendable {
    /// 200 with `images` results; those in `withheld` have a null URL.
    case succeed(images: Int = 1, withheld: Set<Int> = [])
    case fail(UpscaleError)
    /// Holds the call until `release(_:)` or cancellation, then does `then`. With `sent`, the
    /// body counts as fully sent first, so a cancel means "may have been billed".
    case hold(sent: Bool, then: ServiceStep)
}

/// An `UpscaleService` whose answers each test scripts per source file name; unscripted calls
/// succeed. It records every call and the most requests and images it saw at once.
final class ScriptedService: UpscaleService {
    struct Call: Sendable {
        var fileName: String
        var request: UpscaleRequest
        var endpoint: Endpoint
    }

    private actor State {
        var scripts: [String: [ServiceStep]] = [:]
        var calls: [Call] = []
        var requestsInFlight = 0
        var imagesInFlight = 0
        var maxRequests = 0
        var maxImages = 0
        var released: Set<String> = []

        func begin(_ call: Call) -> (step: ServiceStep, number: Int) {
            calls.append(call)
            requestsInFlight += 1
            imagesInFlight += call.request.numImages
            maxRequests = max(maxRequests, requestsInFlight)
            maxImages = max(maxImages, imagesInFlight)
            var steps = scripts[call.fileName] ?? []
            let step = steps.isEmpty ? ServiceStep.succeed(images: call.request.numImages) : steps.removeFirst()
            scripts[call.fileName] = steps
            return (step, calls.count)
        }

        func end(_ call: Call) {
            requestsInFlight -= 1
            imagesInFlight -= call.request.numImages
        }

        func add(_ steps: [ServiceStep], for name: String) { scripts[name, default: []] += steps }
        func release(_ name: String) { released.insert(name) }
        func takeRelease(_ name: String) -> Bool { released.remove(name) != nil }
    }

    private let state = State()
    /// The v2 side: accepted generations and their polls (see `ScriptedGenerations`).
    let generations = GenerationScript()

    func script(_ fileName: String, _ steps: ServiceStep...) async {
        await state.add(steps, for: fileName)
    }

    /// Lets one held call for `fileName` go on.
    func release(_ fileName: String) async {
        await state.release(fileName)
    }

    var calls: [Call] { get async { await state.calls } }
    var callNames: [String] { get async { await state.calls.map(\.fileName) } }
    var maxRequestsAtOnce: Int { get async { await state.maxRequests } }
    var maxImagesAtOnce: Int { get async { await state.maxImages } }
    var requestsInFlight: Int { get async { await state.requestsInFlight } }

    func upscale(image: SourceImage, request: UpscaleRequest, endpoint: Endpoint,
                 progress: (@Sendable (UploadProgress) -> Void)?) async throws(UpscaleError) -> UpscaleResult {
        let call = Call(fileName: image.fileName, request: request, endpoint: endpoint)
        let (step, number) = await state.begin(call)
        progress?(.connecting)
        progress?(.uploading(sent: image.byteCount, total: image.byteCount))
        let outcome = await perform(step, call: call, number: number, progress: progress)
        await state.end(call)
        return try outcome.get()
    }

    private func perform(_ step: ServiceStep, call: Call, number: Int,
                         progress: (@Sendable (UploadProgress) -> Void)?) async -> Result<UpscaleResult, UpscaleError> {
        switch step {
        case .succeed(let images, let withheld):
            progress?(.waitingForAnswer)
            return .success(Self.answer(call: call, number: number, images: images, withheld: withheld))
        case .fail(let error):
            return .failure(error)
        case .hold(let sent, let then):
            if sent { progress?(.waitingForAnswer) }
            while await !state.takeRelease(call.fileName) {
                do { try await Task.sleep(for: .milliseconds(1)) } catch {
                    return .failure(.cancelled(requestFullySent: sent))
                }
            }
            return await perform(then, call: call, number: number, progress: progress)
        }
    }

    static func answer(call: Call, number: Int, images: Int, withheld: Set<Int>) -> UpscaleResult {
        let data = (0..<images).map { index in
            UpscaledImage(seed: call.request.seed ?? 1000 + number, prompt: "a scripted prompt", resolution: "128x96",
                          url: withheld.contains(index) ? nil : "https://results.test/\(call.fileName)-\(number)-\(index).png",
                          isImageSafe: !withheld.contains(index))
        }
        return UpscaleResult(created: "2000-01-23T04:56:07.000Z", images: data)
    }
}
