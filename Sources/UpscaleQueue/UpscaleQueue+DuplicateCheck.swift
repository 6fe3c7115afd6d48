import Foundation
import IdeogramKit

extension UpscaleQueue {
    /// The earlier job each image would repeat with this request, by image path: what `submit`
    /// would refuse as a duplicate (only a fixed seed can repeat). A confirmation asks about
    /// the rest, and names these as not sent. Unreadable images are left to `submit` to report.
    public func earlierJobs(repeatedBy paths: [String], request: UpscaleRequest) async -> [String: Job] {
        guard request.seed != nil else { return [:] }
        var found: [String: Job] = [:]
        for path in paths {
            let absolute = Self.absolutePath(path)
            guard let digest = try? await Self.digestOfImage(at: absolute, maxBytes: configuration.maxUploadBytes),
                  let key = Job.deduplicationKey(imageDigest: digest, request: request),
                  let earlier = try? history.duplicate(ofKey: key)
            else { continue }
            found[path] = jobs[earlier.id] ?? earlier
        }
        return found
    }
}
