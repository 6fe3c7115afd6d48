import Foundation
import IdeogramClient
import IdeogramKit

/// v2 jobs: submitted with a model request (and the quote the user saw), sent once with
/// `async=true`, then polled (see `UpscaleQueue+Polling`).
extension UpscaleQueue {
    /// Adds a v2 job for the image at `imagePath`. The request, the output-size rule and the
    /// image are checked now, before anything queues.
    public func submit(
        imagePath: String,
        request: V2Request,
        endpoint: Endpoint,
        quote: PriceQuote? = nil,
        outputDirectory: String? = nil
    ) async throws(SubmitError) -> Job {
        guard !isClosing else { throw .closed }
        if let problem = request.problems().first { throw .invalidRequest(problem) }
        let path = Self.absolutePath(imagePath)
        let header: ImageHeader
        do { header = try await Self.inspectImage(at: path, maxBytes: configuration.maxUploadBytes) } catch { throw .invalidImage(error) }
        if let problem = request.sizeProblem(width: header.width, height: header.height) { throw .invalidRequest(problem) }
        guard !isClosing else { throw .closed }
        var job = Job(id: .make(), sourcePath: path, imageDigest: "", request: UpscaleRequest(), endpoint: endpoint,
                      outputDirectory: Self.absolutePath(outputDirectory ?? configuration.outputDirectory), submittedAt: Date())
        job.generation = GenerationJob(request: request, quote: quote)
        do { job = try history.insert(job, owner: session) } catch { throw .history(error) }
        jobs[job.id] = job
        insertInOrder(job)
        hub.send(.submitted(job))
        pump()
        return job
    }

    @concurrent
    static func inspectImage(at path: String, maxBytes: Int) async throws(ImageIntakeError) -> ImageHeader {
        try SourceImage.inspect(path: path, maxBytes: maxBytes)
    }

    /// The POST of a v2 job: `async=true`, answered with the generation to poll.
    func submitGeneration(_ job: Job, _ request: V2Request) async -> Result<GenerationAccepted, UpscaleError> {
        guard let generations else {
            return .failure(.invalidRequest(.invalid(field: "model", value: request.model.rawValue,
                                                     allowed: "a service that offers the v2 models")))
        }
        let endpoint = job.endpoint
        return await transmit(job) { image, progress in
            do throws(UpscaleError) {
                return .success(try await generations.submitGeneration(image: image, request: request, endpoint: endpoint, progress: progress))
            } catch {
                return .failure(error)
            }
        }
    }

    /// The service accepted the work: its generation id is committed durably before anything
    /// else, and from then on the job is polled, never sent again.
    func accept(_ accepted: GenerationAccepted, for id: JobID) {
        work[id] = nil
        // A cancel that lost the race with the acceptance: the generation runs and is billed, so follow it.
        cancelRequested.remove(id)
        guard var job = jobs[id], var generation = job.generation else { return pump() }
        let old = job.state
        generation.generationID = accepted.generationID
        job.generation = generation
        job.state = .generating(generationID: accepted.generationID)
        job.answeredAt = Date()
        job.updatedAt = job.answeredAt ?? Date()
        job.retryWait = nil
        do { try history.saveAccepted(job, owner: session) } catch {
            pause(because: .historyUnavailable(message: error.description))
        }
        jobs[id] = job
        hub.send(.transition(job, from: old))
        startPolling(id)
        pump()
    }
}
