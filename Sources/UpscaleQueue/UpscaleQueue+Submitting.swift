import Crypto
import Foundation
import IdeogramClient
import IdeogramKit

extension UpscaleQueue {
    /// Adds a job for the image at `imagePath`. The request and the image are checked now, so
    /// a mistake is reported before anything queues. A fixed-seed request already done (or
    /// under way) for the same bytes throws `.duplicate` unless `force`.
    public func submit(
        imagePath: String,
        request: UpscaleRequest,
        endpoint: Endpoint,
        outputDirectory: String? = nil,
        force: Bool = false
    ) async throws(SubmitError) -> Job {
        guard !isClosing else { throw .closed }
        do { try request.validate() } catch { throw .invalidRequest(error) }
        let path = Self.absolutePath(imagePath)
        // The digest exists to find repeats of a fixed-seed request; a random seed is never a
        // repeat, so its image is only checked, not read whole and hashed (60 ms for 10 MB).
        let digest: String
        do {
            digest = request.seed == nil
                ? try await Self.checkImage(at: path, maxBytes: configuration.maxUploadBytes)
                : try await Self.digestOfImage(at: path, maxBytes: configuration.maxUploadBytes)
        } catch { throw .invalidImage(error) }
        guard !isClosing else { throw .closed }

        // No suspension from here to the insert: two identical submissions cannot both pass.
        // Both paths are recorded absolute: a later `--resume` or `history` may run elsewhere.
        var job = Job(id: .make(), sourcePath: path, imageDigest: digest, request: request, endpoint: endpoint,
                      outputDirectory: Self.absolutePath(outputDirectory ?? configuration.outputDirectory), submittedAt: Date())
        if !force, let key = job.deduplicationKey {
            let earlier: Job?
            do { earlier = try history.duplicate(ofKey: key) } catch { throw .history(error) }
            if let earlier { throw .duplicate(of: jobs[earlier.id] ?? earlier) }
        }
        do { job = try history.insert(job, owner: session) } catch { throw .history(error) }
        jobs[job.id] = job
        insertInOrder(job)
        hub.send(.submitted(job))
        pump()
        return job
    }

    /// Submits the same image, endpoint and output folder again with a changed request; a
    /// still-queued original is cancelled once the new job is in.
    public func resubmit(_ id: JobID, with request: UpscaleRequest, force: Bool = false) async throws(SubmitError) -> Job {
        guard !isClosing else { throw .closed }
        let original: Job
        do { original = try knownJob(id) } catch { throw .job(error) }
        if original.state.isSending || original.state == .downloading { throw .job(.jobIsActive(id)) }
        // Hold the original so it cannot start while the new one is read and hashed.
        let wasHeld = original.isHeld
        if original.state == .queued { jobs[id]?.isHeld = true }
        do {
            let replacement = try await submit(imagePath: original.sourcePath, request: request, endpoint: original.endpoint,
                                               outputDirectory: original.outputDirectory, force: force)
            if jobs[id]?.state == .queued { try? cancel(id) }
            return replacement
        } catch {
            if jobs[id]?.state == .queued { jobs[id]?.isHeld = wasHeld }
            rescan()
            pump()
            throw error
        }
    }

    /// A job of this queue, or a finished one from the history (adopted so it can be retried).
    func knownJob(_ id: JobID) throws(QueueError) -> Job {
        if let job = jobs[id] { return job }
        let stored: Job?
        do { stored = try history.job(id) } catch { throw .history(error) }
        guard let stored else { throw .unknownJob(id) }
        // An unfinished job not in memory belongs to another live queue.
        guard stored.state.isFinished else { throw .jobIsActive(id) }
        jobs[id] = stored
        insertInOrder(stored)
        return stored
    }

    func insertInOrder(_ job: Job) {
        if let last = order.last, let lastJob = jobs[last], lastJob.sequence > job.sequence {
            let position = order.firstIndex { (jobs[$0]?.sequence ?? 0) > job.sequence } ?? order.endIndex
            order.insert(job.id, at: position)
            rescan()
        } else {
            order.append(job.id)
        }
    }

    static func absolutePath(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// Checks the image's header off the actor; the digest stays empty (see `Job.imageDigest`).
    @concurrent
    static func checkImage(at path: String, maxBytes: Int) async throws(ImageIntakeError) -> String {
        _ = try SourceImage.inspect(path: path, maxBytes: maxBytes)
        return ""
    }

    /// Reads and checks the image off the actor, and fingerprints its bytes.
    @concurrent
    static func digestOfImage(at path: String, maxBytes: Int) async throws(ImageIntakeError) -> String {
        _ = try SourceImage.inspect(path: path, maxBytes: maxBytes)
        // Hashed in slices, so a batch of large images is never held in memory just to be fingerprinted.
        guard let file = FileHandle(forReadingAtPath: path) else { throw .unreadable(path: path, reason: "cannot be opened") }
        defer { try? file.close() }
        var hasher = SHA256()
        while true {
            let chunk: Data?
            do { chunk = try file.read(upToCount: 1 << 20) } catch { throw .unreadable(path: path, reason: "read failed") }
            guard let chunk, !chunk.isEmpty else { break }
            hasher.update(data: chunk)
        }
        return Job.hex(hasher.finalize())
    }
}
