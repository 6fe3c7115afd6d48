import Foundation
import IdeogramClient
import IdeogramKit

extension UpscaleQueue {
    /// Records the answer, its URLs and the move to `downloading` in one commit (so a restart
    /// can finish the downloads), then saves every result at once: the URLs expire.
    func receive(_ answer: UpscaleResult, for id: JobID) async {
        guard var job = jobs[id] else { return }
        let old = job.state
        // A cancel that lost the race with the answer: the result is paid for, so keep it.
        cancelRequested.remove(id)
        job.answer = answer
        job.answeredAt = Date()
        job.results = answer.images.enumerated().map { JobResult(index: $0.offset, image: $0.element) }
        job.state = configuration.savesResults ? .downloading : .done
        job.updatedAt = job.answeredAt ?? Date()
        job.retryWait = nil
        commit(job, from: old, changes: .everything)
        for result in job.results where result.outcome == .withheld {
            hub.send(.resultUpdated(id, result))
        }
        guard configuration.savesResults else {
            work[id] = nil
            return pump()
        }
        pump()  // its images no longer count as in flight
        await downloadResults(id)
    }

    func startRecoveredDownloads() {
        for id in order where jobs[id]?.state == .downloading {
            work[id] = Task { await self.downloadResults(id) }
        }
    }

    /// Fetches each result not saved yet, one after another, then settles the job.
    func downloadResults(_ id: JobID) async {
        guard let job = jobs[id] else { return }
        let due = job.results.filter { $0.outcome.isDownloadable }
        // The last outcome is committed together with the job's end: one transaction fewer.
        var last: Int?
        for (position, result) in due.enumerated() {
            guard !Task.isCancelled, let current = jobs[id] else { break }
            guard let outcome = await fetch(result, of: current) else { break }
            if position == due.count - 1 {
                jobs[id] = Self.with(outcome, ofResult: result.index, in: current)
                last = result.index
            } else {
                record(outcome, ofResult: result.index, in: id)
            }
        }
        finishDownloading(id, lastResult: last)
    }

    private static func with(_ outcome: ResultOutcome, ofResult index: Int, in job: Job) -> Job {
        var job = job
        if let position = job.results.firstIndex(where: { $0.index == index }) { job.results[position].outcome = outcome }
        job.updatedAt = Date()
        return job
    }

    /// One result with bounded retries; nil when interrupted by cancellation.
    private func fetch(_ result: JobResult, of job: Job) async -> ResultOutcome? {
        guard let url = result.url else { return .withheld }
        let imageCount = job.answer?.images.count ?? job.results.count
        let baseName = OutputLocation.resultBaseName(sourcePath: job.sourcePath, seed: result.seed, index: result.index, count: imageCount)
        let image = job.answer?.images.indices.contains(result.index) == true
            ? job.answer!.images[result.index]
            : UpscaledImage(seed: result.seed, prompt: result.prompt, resolution: result.resolution, url: url, isImageSafe: true)
        var sidecar = ResultSidecar(sourcePath: job.sourcePath, endpoint: job.endpoint, request: job.request, image: image,
                                    index: result.index, created: job.answer?.created,
                                    submittedAt: job.sentAt ?? job.submittedAt, answeredAt: job.answeredAt ?? Date())
        if let generation = job.generation, let generationID = generation.generationID {
            sidecar.endpoint = job.endpoint.v2UpscaleURL(generation.request.model)
            sidecar.generation = GenerationSidecar(request: generation.request, generationID: generationID,
                                                   quote: generation.quote, billedUSDMicros: generation.billedUSDMicros)
        }
        // A run that died between saving the file and recording it left the file behind: adopt
        // it. One that died while saving left a temporary file: remove it.
        if recovery.resumedDownloads.contains(job.id) {
            if let saved = SavedResultFinder.find(in: job.outputDirectory, baseName: baseName, url: url, index: result.index) {
                return .saved(saved)
            }
            SavedResultFinder.removeStaleParts(in: job.outputDirectory, baseName: baseName)
        }
        let policy = configuration.downloadRetry
        var failures = 0
        while true {
            do {
                return .saved(try await fetcher.fetch(url: url, into: job.outputDirectory, baseName: baseName, sidecar: sidecar))
            } catch {
                switch error {
                case .cancelled: return nil
                case .expired(let status): return .expired(status: status)
                default: break
                }
                if Task.isCancelled { return nil }
                failures += 1
                guard error.isRetryable, policy.allowsAnotherAttempt(after: failures) else {
                    return .downloadFailed(message: error.description)
                }
                do { try await sleeper.sleep(for: policy.delay(afterFailedAttempts: failures)) } catch { return nil }
            }
        }
    }

    private func record(_ outcome: ResultOutcome, ofResult index: Int, in id: JobID) {
        guard let current = jobs[id] else { return }
        let job = Self.with(outcome, ofResult: index, in: current)
        guard let result = job.results.first(where: { $0.index == index }) else { return }
        commit(job, from: job.state, logTransition: false, changes: .result(index), announcing: [.resultUpdated(id, result)])
    }

    /// Done when every result is settled. Interrupted by the user: cancelled, the rest can be
    /// fetched with `retry`. Interrupted by `close`: left downloading, so the next run resumes.
    private func finishDownloading(_ id: JobID, lastResult: Int? = nil) {
        work[id] = nil
        let cancelledByUser = cancelRequested.remove(id) != nil
        guard var job = jobs[id] else { return pump() }
        let saved = lastResult.flatMap { index in job.results.first { $0.index == index } }
        let changes: JobChanges = lastResult.map { .result($0) } ?? .state
        let announce: [QueueEvent] = saved.map { [.resultUpdated(id, $0)] } ?? []
        let interrupted = job.results.contains { $0.outcome == .pending }
        if interrupted && isClosing && !cancelledByUser {
            if lastResult != nil { commit(job, from: job.state, logTransition: false, changes: changes, announcing: announce) }
            return pump()
        }
        let old = job.state
        job.state = interrupted && cancelledByUser ? .cancelled : .done
        job.updatedAt = Date()
        commit(job, from: old, changes: changes, announcing: announce)
        pump()
    }
}
