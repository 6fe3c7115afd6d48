import Crypto
import Foundation
import IdeogramKit

/// Identifies a job across runs: a UUID in text form.
public struct JobID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    static func make() -> JobID { JobID(rawValue: UUID().uuidString.lowercased()) }
    public var description: String { rawValue }
}

/// One source image, one request, one endpoint, and everything that happened to them.
/// Snapshots are values: the queue hands out copies.
public struct Job: Sendable, Identifiable, Equatable {
    public let id: JobID
    /// Submission order across the history; the queue sends queued jobs in this order.
    public internal(set) var sequence: Int64
    public let sourcePath: String
    /// SHA-256 of the source bytes at submission, in hex, for fixed-seed requests (the
    /// deduplication key is made from it); empty for a random seed, which is never a repeat.
    public let imageDigest: String
    /// The legacy request; for a v2 job (`generation` set) the default one, not sent.
    public let request: UpscaleRequest
    /// Set for a v2 job: the model request and its generation.
    public internal(set) var generation: GenerationJob?
    public let endpoint: Endpoint
    public let outputDirectory: String
    public let submittedAt: Date
    public internal(set) var state: JobState
    public internal(set) var updatedAt: Date
    /// Sends since the job was last (re)queued by the user.
    public internal(set) var attempts: Int
    /// When the attempt that got the answer started.
    public internal(set) var sentAt: Date?
    public internal(set) var answer: UpscaleResult?
    public internal(set) var answeredAt: Date?
    public internal(set) var results: [JobResult]
    /// Found queued when the history was opened: waits for `resumeRecovered()`.
    public internal(set) var isHeld: Bool
    /// Set while the job waits out a retry delay.
    public internal(set) var retryWait: RetryWait?
    /// Set while the job stays queued because sending it would pass the daily spending cap.
    public internal(set) var spendingHold: SpendingHold?

    init(id: JobID, sourcePath: String, imageDigest: String, request: UpscaleRequest, endpoint: Endpoint,
         outputDirectory: String, submittedAt: Date) {
        self.id = id
        sequence = 0
        self.sourcePath = sourcePath
        self.imageDigest = imageDigest
        self.request = request
        self.endpoint = endpoint
        self.outputDirectory = outputDirectory
        self.submittedAt = submittedAt
        state = .queued
        updatedAt = submittedAt
        attempts = 0
        results = []
        isHeld = false
    }

    /// The key under which a fixed-seed request counts as already done: same bytes, same
    /// request JSON. Nil for a random seed, whose repeats give new images.
    public var deduplicationKey: String? {
        Self.deduplicationKey(imageDigest: imageDigest, request: request)
    }

    static func deduplicationKey(imageDigest: String, request: UpscaleRequest) -> String? {
        guard request.seed != nil else { return nil }
        return hexDigest(of: Array((imageDigest + "\n" + request.jsonString()).utf8))
    }

    /// SHA-256 in lower-case hex.
    static func hexDigest(of bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }
    static func hexDigest(of bytes: UnsafeRawBufferPointer) -> String { hex(SHA256.hash(data: bytes)) }

    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(SHA256.Digest.byteCount * 2)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Images the job keeps in progress at the service: a v2 upscale makes one.
    public var imageCount: Int { generation == nil ? request.numImages : 1 }

    /// Results that still need saving.
    public var unsavedResults: [JobResult] { results.filter { $0.outcome.isDownloadable } }
}

/// Why and how long a job waits before its next attempt.
public struct RetryWait: Sendable, Equatable {
    /// The attempt that follows the wait (2 for the first retry).
    public var nextAttempt: Int
    public var delay: Duration
    /// When the wait ends, so a screen can count down to it.
    public var dueAt: Date
    public var reason: UpscaleError
    /// A 429 wait: the queue starts no new work until it ends.
    public var holdsQueue: Bool
}
