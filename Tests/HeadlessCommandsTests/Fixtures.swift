import Foundation
import IdeogramClient
import IdeogramKit
@testable import HeadlessCommands
@testable import UpscaleQueue

/// Jobs as the queue would hand them out, without running one.
enum Fixtures {
    static let endpoint = try! Endpoint(baseURL: "http://127.0.0.1:8080", dialect: .official)
    static let submitted = Date(timeIntervalSince1970: 1_780_000_000)
    static let updated = Date(timeIntervalSince1970: 1_780_000_042)

    static func job(id: String = "0b8f8a52-4f1e-4c5e-9d8e-7a2a3c1e9f10", source: String = "/pictures/a.png", state: JobState = .done,
                    results: [JobResult] = [saved()], request: UpscaleRequest = UpscaleRequest(prompt: "crisp", seed: 7)) -> Job {
        var job = Job(id: JobID(rawValue: id), sourcePath: source, imageDigest: "",
                      request: request, endpoint: endpoint, outputDirectory: "/out", submittedAt: submitted)
        job.state = state
        job.updatedAt = updated
        job.attempts = 1
        job.results = results
        return job
    }

    static func saved(index: Int = 0, seed: Int = 7) -> JobResult {
        JobResult(index: index, seed: seed, resolution: "96x64", prompt: "crisp, detailed", url: "http://127.0.0.1:8080/r/\(seed).png",
                  outcome: .saved(DownloadedFile(path: "/out/a-upscaled-\(seed).png", sidecarPath: "/out/a-upscaled-\(seed).png.json",
                                                 bytes: 1234, format: .png)))
    }

    static func withheld(index: Int = 0) -> JobResult {
        JobResult(index: index, seed: 8, resolution: "96x64", prompt: "crisp", url: nil, outcome: .withheld)
    }
}

/// What a command wrote, by stream.
final class CapturedOutput: @unchecked Sendable {
    private var outText = ""
    private var errText = ""
    private let lock = NSLock()

    var out: String { lock.withLock { outText } }
    var err: String { lock.withLock { errText } }

    var console: ConsoleOutput {
        ConsoleOutput(out: { text in self.lock.withLock { self.outText += text } },
                      err: { text in self.lock.withLock { self.errText += text } })
    }
}
