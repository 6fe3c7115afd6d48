import Foundation
import GRDB
import IdeogramClient
import IdeogramKit

/// A row of `job`. Structured values are stored as JSON text. Read by `init(row:)`, by column
/// position (`HistoryRecordReading.swift`): GRDB's fast path, where Codable decoding looked up
/// every column by name.
struct JobRecord: FetchableRecord, TableRecord {
    static let databaseTableName = "job"

    var seq: Int64?
    var id: String
    var sourcePath: String
    var imageDigest: String
    var requestJSON: String
    var dedupKey: String?
    var endpointJSON: String
    var outputDir: String
    var state: String
    var stateDetail: String?
    var failureJSON: String?
    var attempts: Int
    var answerJSON: String?
    var submittedAt: Date
    var updatedAt: Date
    var sentAt: Date?
    var answeredAt: Date?
    var owner: String?
    var v2Model: String?
    var v2RequestJSON: String?
    var generationID: String?
    var quoteUSDMicros: Int64?
    var quoteQualifier: String?
    var quoteUpperBoundUSDMicros: Int64?
    var billedUSDMicros: Int64?
}

/// What a save writes besides the job's state columns and transition.
enum JobChanges: Sendable, Equatable {
    /// Everything that can change after the insert (the answer with it) and every result.
    case everything
    /// Only the state columns: the common transitions.
    case state
    /// The state columns and the result at this index.
    case result(Int)
}

/// A row of `result`; read like `JobRecord`.
struct ResultRecord: FetchableRecord, TableRecord {
    static let databaseTableName = "result"

    var jobID: String
    var idx: Int
    var seed: Int
    var prompt: String
    var resolution: String
    var url: String?
    var outcome: String
    var path: String?
    var sidecarPath: String?
    var bytes: Int?
    var format: String?
    var status: Int?
    var detail: String?
}

/// A row of `transition`: the log of every state a job went through; read like `JobRecord`.
struct TransitionRecord: FetchableRecord, TableRecord {
    static let databaseTableName = "transition"

    var id: Int64?
    var jobID: String
    var state: String
    var detail: String?
    var at: Date
}

/// A stored record that no longer decodes (edited by hand, or written by a newer version).
struct UnreadableRecord: Error, CustomStringConvertible {
    var description: String
}

enum StoredJSON {
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // The stored types are plain strings and numbers: encoding cannot fail.
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
}

/// Reads the JSON columns of the rows of one read, with one decoder. The jobs of a run share
/// their request and endpoint, so those texts repeat from row to row: each distinct one is
/// decoded once per read.
struct StoredJSONReader {
    private let decoder = JSONDecoder()
    private var requests: [String: UpscaleRequest] = [:]
    private var endpoints: [String: Endpoint] = [:]

    mutating func request(_ text: String) throws -> UpscaleRequest {
        if let known = requests[text] { return known }
        let request = try decode(UpscaleRequest.self, text, what: "request")
        requests[text] = request
        return request
    }

    mutating func endpoint(_ text: String) throws -> Endpoint {
        if let known = endpoints[text] { return known }
        let endpoint = try decode(Endpoint.self, text, what: "endpoint")
        endpoints[text] = endpoint
        return endpoint
    }

    func decode<T: Decodable>(_ type: T.Type, _ text: String, what: String) throws -> T {
        do { return try decoder.decode(type, from: Data(text.utf8)) } catch {
            throw UnreadableRecord(description: "stored \(what) does not decode: \(error)")
        }
    }
}

extension JobRecord {
    init(_ job: Job, owner: String?) {
        seq = job.sequence > 0 ? job.sequence : nil
        id = job.id.rawValue
        sourcePath = job.sourcePath
        imageDigest = job.imageDigest
        requestJSON = StoredJSON.encode(job.request)
        dedupKey = job.deduplicationKey
        endpointJSON = StoredJSON.encode(job.endpoint)
        outputDir = job.outputDirectory
        state = job.state.name.rawValue
        (stateDetail, failureJSON) = Self.stateColumns(job.state)
        attempts = job.attempts
        answerJSON = job.answer.map(StoredJSON.encode)
        submittedAt = job.submittedAt
        updatedAt = job.updatedAt
        sentAt = job.sentAt
        answeredAt = job.answeredAt
        self.owner = owner
        if let generation = job.generation {
            v2Model = generation.request.model.rawValue
            v2RequestJSON = StoredJSON.encode(generation.request)
            generationID = generation.generationID
            quoteUSDMicros = generation.quote?.usdMicros
            quoteQualifier = generation.quote?.qualifier.rawValue
            quoteUpperBoundUSDMicros = generation.quote?.upperBoundUSDMicros
            billedUSDMicros = generation.billedUSDMicros
        }
    }

    /// `state_detail` and `failure_json` for a state.
    static func stateColumns(_ state: JobState) -> (detail: String?, failure: String?) {
        switch state {
        case .rejected(let message), .outcomeUnknown(let message): (message, nil)
        case .failed(let error): (nil, StoredJSON.encode(error))
        default: (nil, nil)
        }
    }

    func job(results: [ResultRecord], json: inout StoredJSONReader) throws -> Job {
        var job = Job(
            id: JobID(rawValue: id),
            sourcePath: sourcePath,
            imageDigest: imageDigest,
            request: try json.request(requestJSON),
            endpoint: try json.endpoint(endpointJSON),
            outputDirectory: outputDir,
            submittedAt: submittedAt
        )
        job.sequence = seq ?? 0
        job.state = try jobState(json)
        job.updatedAt = updatedAt
        job.attempts = attempts
        job.sentAt = sentAt
        job.answeredAt = answeredAt
        job.answer = try answerJSON.map { try json.decode(UpscaleResult.self, $0, what: "answer") }
        job.results = results.sorted { $0.idx < $1.idx }.map(\.result)
        job.generation = try generation(json)
        return job
    }

    /// The v2 side, when the row is a v2 job.
    func generation(_ json: StoredJSONReader) throws -> GenerationJob? {
        guard let v2RequestJSON else { return nil }
        let quote = try quoteUSDMicros.map { micros in
            guard let qualifier = PriceQuote.Qualifier(rawValue: quoteQualifier ?? "") else {
                throw UnreadableRecord(description: "unknown quote qualifier \(quoteQualifier ?? "none")")
            }
            return PriceQuote(usdMicros: micros, qualifier: qualifier, upperBoundUSDMicros: quoteUpperBoundUSDMicros)
        }
        return GenerationJob(request: try json.decode(V2Request.self, v2RequestJSON, what: "v2 request"),
                             generationID: generationID, quote: quote, billedUSDMicros: billedUSDMicros)
    }

    func jobState(_ json: StoredJSONReader) throws -> JobState {
        guard let name = JobStateName(rawValue: state) else { throw UnreadableRecord(description: "unknown job state \(state)") }
        switch name {
        case .queued: return .queued
        case .uploading: return .uploading
        case .waitingForAnswer: return .waitingForAnswer
        case .generating:
            guard let generationID else { throw UnreadableRecord(description: "a generating job without a generation_id") }
            return .generating(generationID: generationID)
        case .downloading: return .downloading
        case .done: return .done
        case .cancelled: return .cancelled
        case .rejected: return .rejected(message: stateDetail ?? "")
        case .outcomeUnknown: return .outcomeUnknown(message: stateDetail ?? "")
        case .failed:
            return .failed(try json.decode(UpscaleError.self, failureJSON ?? "null", what: "failure"))
        }
    }
}

extension ResultRecord {
    init(jobID: JobID, _ result: JobResult) {
        self.jobID = jobID.rawValue
        idx = result.index
        seed = result.seed
        prompt = result.prompt
        resolution = result.resolution
        url = result.url
        switch result.outcome {
        case .pending: outcome = "pending"
        case .saved(let file):
            outcome = "saved"
            path = file.path
            sidecarPath = file.sidecarPath
            bytes = file.bytes
            format = file.format?.rawValue
        case .withheld: outcome = "withheld"
        case .expired(let code):
            outcome = "expired"
            status = code
        case .downloadFailed(let message):
            outcome = "download_failed"
            detail = message
        }
    }

    var result: JobResult {
        let mapped: ResultOutcome = switch outcome {
        case "saved": .saved(DownloadedFile(path: path ?? "", sidecarPath: sidecarPath, bytes: bytes ?? 0,
                                            format: format.flatMap(ImageFormat.init(rawValue:))))
        case "withheld": .withheld
        case "expired": .expired(status: status ?? 410)
        case "download_failed": .downloadFailed(message: detail ?? "")
        default: .pending
        }
        return JobResult(index: idx, seed: seed, resolution: resolution, prompt: prompt, url: url, outcome: mapped)
    }
}
