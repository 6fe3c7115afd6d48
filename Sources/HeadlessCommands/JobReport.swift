import Foundation
import IdeogramKit

/// What one job (or one source file that never became a job) came to: the one JSON object
/// `upscale --json` prints per source file and `history --json` per job, one schema for both
/// (docs/json-output.md). Every key is always present; an absent value is `null`.
public struct JobReport: Codable, Sendable, Equatable {
    /// The job's state, or `refused` for a file refused before it was queued.
    public enum Status: String, Codable, Sendable, CaseIterable {
        case queued, uploading, waiting, downloading, done, failed, rejected, cancelled
        case outcomeUnknown = "outcome_unknown"
        case refused
        /// `upscale` only: still queued, nothing sent, because it would pass the daily spending cap.
        case heldByCap = "held_by_cap"
    }

    /// Why a job did not succeed, for scripts to tell the cases apart (the exit code's kinds).
    public enum ErrorCategory: String, Codable, Sendable {
        case badInput = "bad_input", authorization
        case outOfCredit = "out_of_credit"
        case safety
        case rateLimited = "rate_limited"
        case server, network
        case outcomeUnknown = "outcome_unknown"
        case cancelled
        /// A v2 generation the service accepted and then failed (not billed).
        case generationFailed = "generation_failed"
    }

    /// The job's id (a UUID); null for a refused file.
    public var jobID: String?
    /// The source file: as typed for `upscale`, as recorded (absolute) for `history`.
    public var source: String
    public var status: Status
    /// `upscale` only: the file was not sent because this job (an earlier one, same bytes,
    /// request and fixed seed) did it already; `status` and `results` are that job's.
    public var duplicate: Bool
    /// What went wrong, or why the job was left unfinished; null when nothing did.
    public var error: String?
    public var errorCategory: ErrorCategory?
    /// The request may have reached the service without an answer coming back.
    public var mayHaveBeenBilled: Bool
    /// The `image_request` as sent.
    public var request: UpscaleRequest
    /// The URL the request goes to, and the dialect.
    public var endpoint: String
    public var dialect: Dialect
    /// Sends since the job was last queued.
    public var attempts: Int
    /// ISO 8601 in UTC with milliseconds; null for a refused file.
    public var submittedAt: Date?
    public var updatedAt: Date?
    /// One per image of the answer, in the answer's order.
    public var results: [ResultReport]
    /// `legacy`, or the v2 model the job was sent to.
    public var model: String
    /// The v2 generation, once the service accepted the work; null for legacy jobs.
    public var generationID: String?
    /// The price quoted before sending, in millionths of a dollar; null when none was asked.
    public var quoteUSDMicros: Int64?
    /// What the job cost once it ended; null when unknown (unfinished jobs, lost answers). For a
    /// legacy job an estimate: billed images times `legacy_price_usd` (`billed_is_estimate`).
    public var billedUSDMicros: Int64?
    /// `billed_usd_micros` is the legacy per-image estimate, not the service's figure.
    public var billedIsEstimate: Bool
    /// The figures that held the job (`status` `held_by_cap`); null otherwise.
    public var spendingHold: SpendingHoldReport?

    enum CodingKeys: String, CodingKey {
        case jobID = "job_id", source, status, duplicate, error
        case errorCategory = "error_category"
        case mayHaveBeenBilled = "may_have_been_billed"
        case request, endpoint, dialect, attempts
        case submittedAt = "submitted_at"
        case updatedAt = "updated_at"
        case results, model
        case generationID = "generation_id"
        case quoteUSDMicros = "quote_usd_micros"
        case billedUSDMicros = "billed_usd_micros"
        case billedIsEstimate = "billed_is_estimate"
        case spendingHold = "spending_hold"
    }

    public init(jobID: String?, source: String, status: Status, duplicate: Bool = false, error: String? = nil,
                errorCategory: ErrorCategory? = nil, mayHaveBeenBilled: Bool = false, request: UpscaleRequest,
                endpoint: Endpoint, attempts: Int = 0, submittedAt: Date? = nil, updatedAt: Date? = nil,
                results: [ResultReport] = [], generation: V2Request? = nil, generationID: String? = nil,
                quoteUSDMicros: Int64? = nil, billedUSDMicros: Int64? = nil, billedIsEstimate: Bool = false,
                spendingHold: SpendingHoldReport? = nil) {
        self.jobID = jobID
        self.source = source
        self.status = status
        self.duplicate = duplicate
        self.error = error
        self.errorCategory = errorCategory
        self.mayHaveBeenBilled = mayHaveBeenBilled
        self.request = request
        self.endpoint = generation.map { endpoint.v2UpscaleURL($0.model) } ?? endpoint.upscaleURL
        dialect = endpoint.dialect
        self.attempts = attempts
        self.submittedAt = submittedAt
        self.updatedAt = updatedAt
        self.results = results
        model = generation?.model.rawValue ?? "legacy"
        self.generationID = generationID
        self.quoteUSDMicros = quoteUSDMicros
        self.billedUSDMicros = billedUSDMicros
        self.billedIsEstimate = billedIsEstimate
        self.spendingHold = spendingHold
    }

    /// Written by hand so that absent values are written as null: every object has every key.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(jobID, forKey: .jobID)
        try container.encode(source, forKey: .source)
        try container.encode(status, forKey: .status)
        try container.encode(duplicate, forKey: .duplicate)
        try container.encode(error, forKey: .error)
        try container.encode(errorCategory, forKey: .errorCategory)
        try container.encode(mayHaveBeenBilled, forKey: .mayHaveBeenBilled)
        try container.encode(request, forKey: .request)
        try container.encode(endpoint, forKey: .endpoint)
        try container.encode(dialect, forKey: .dialect)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(submittedAt, forKey: .submittedAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(results, forKey: .results)
        try container.encode(model, forKey: .model)
        try container.encode(generationID, forKey: .generationID)
        try container.encode(quoteUSDMicros, forKey: .quoteUSDMicros)
        try container.encode(billedUSDMicros, forKey: .billedUSDMicros)
        try container.encode(billedIsEstimate, forKey: .billedIsEstimate)
        try container.encode(spendingHold, forKey: .spendingHold)
    }
}

/// Why a job was held by the daily spending cap, in millionths of a dollar.
public struct SpendingHoldReport: Codable, Sendable, Equatable {
    /// Spent today (local day) when the job was checked: billed, or quoted while in progress.
    public var todayUSDMicros: Int64
    /// The job's quote, or its legacy estimate (`job_is_estimate`).
    public var jobUSDMicros: Int64
    public var capUSDMicros: Int64
    public var jobIsEstimate: Bool

    enum CodingKeys: String, CodingKey {
        case todayUSDMicros = "today_usd_micros"
        case jobUSDMicros = "job_usd_micros"
        case capUSDMicros = "cap_usd_micros"
        case jobIsEstimate = "job_is_estimate"
    }

    public init(todayUSDMicros: Int64, jobUSDMicros: Int64, capUSDMicros: Int64, jobIsEstimate: Bool) {
        self.todayUSDMicros = todayUSDMicros
        self.jobUSDMicros = jobUSDMicros
        self.capUSDMicros = capUSDMicros
        self.jobIsEstimate = jobIsEstimate
    }
}

/// One image of a job's answer and what became of it on this machine.
public struct ResultReport: Codable, Sendable, Equatable {
    public enum Outcome: String, Codable, Sendable {
        /// Saved: `file`, `sidecar` and `bytes` say where and how big.
        case saved
        /// The safety check withheld the image (`url` is null); billed all the same.
        case withheld
        /// Not downloaded (`--no-download`, or a download still to finish); `url` expires.
        case notDownloaded = "not_downloaded"
        /// The URL expired before the download: the image is lost (`error` says more).
        case expired
        case downloadFailed = "download_failed"
    }

    /// Position in the answer (0 first).
    public var index: Int
    public var seed: Int
    /// `WIDTHxHEIGHT`, as the service reported it.
    public var resolution: String
    /// The prompt the service used.
    public var prompt: String
    /// The signed result URL (it expires); null when withheld.
    public var url: String?
    public var outcome: Outcome
    public var file: String?
    public var sidecar: String?
    public var bytes: Int?
    public var error: String?

    enum CodingKeys: String, CodingKey {
        case index, seed, resolution, prompt, url, outcome, file, sidecar, bytes, error
    }

    public init(index: Int, seed: Int, resolution: String, prompt: String, url: String?, outcome: Outcome,
                file: String? = nil, sidecar: String? = nil, bytes: Int? = nil, error: String? = nil) {
        self.index = index
        self.seed = seed
        self.resolution = resolution
        self.prompt = prompt
        self.url = url
        self.outcome = outcome
        self.file = file
        self.sidecar = sidecar
        self.bytes = bytes
        self.error = error
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(index, forKey: .index)
        try container.encode(seed, forKey: .seed)
        try container.encode(resolution, forKey: .resolution)
        try container.encode(prompt, forKey: .prompt)
        try container.encode(url, forKey: .url)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(file, forKey: .file)
        try container.encode(sidecar, forKey: .sidecar)
        try container.encode(bytes, forKey: .bytes)
        try container.encode(error, forKey: .error)
    }
}

extension JobReport {
    /// The `Codable` form of a report's line, for Swift callers: keys sorted, times as ISO 8601
    /// UTC with milliseconds. `jsonLine()` writes the same object without it (faster); the tests
    /// hold the two to the same bytes.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(Self.timeFormat))
        }
        return encoder
    }

    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = try? Date(text, strategy: Self.timeFormat) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 time: \(text)")
            }
            return date
        }
        return decoder
    }

    static let timeFormat = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
}
