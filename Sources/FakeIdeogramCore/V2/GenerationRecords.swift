import Foundation

/// One call of the current API as the fake saw it: an upscale, a quote or a poll, with its
/// status, so tests and soak runs can check what a client sent and how often it polled.
public struct ReceivedV2Call: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case upscale, quote, poll
    }

    public var kind: Kind
    /// The model of an upscale or quote as named in the path.
    public var model: String?
    /// The text parts as received (empty for a poll or a body never read).
    public var fields: [String: String]
    public var imageBytes: Int
    /// The image part's file name, so a soak can tell which source an upscale carried.
    public var filename: String?
    public var status: Int
    /// The generation an upscale created, or the one a poll asked about.
    public var generationID: String?
    /// For a poll answered 200: pending, completed or failed.
    public var generationStatus: String?
    public var receivedAt: Date

    public init(kind: Kind, model: String? = nil, fields: [String: String] = [:], imageBytes: Int = 0, filename: String? = nil,
                status: Int = 0, generationID: String? = nil, generationStatus: String? = nil, receivedAt: Date = Date()) {
        self.kind = kind
        self.model = model
        self.fields = fields
        self.imageBytes = imageBytes
        self.filename = filename
        self.status = status
        self.generationID = generationID
        self.generationStatus = generationStatus
        self.receivedAt = receivedAt
    }
}

/// A generation the fake accepted, as it stands now, with what it billed: the quoted price once
/// completed (withheld images too), nothing while pending or once failed.
public struct GenerationRecord: Sendable, Codable, Equatable {
    public var generationID: String
    public var model: String
    public var fields: [String: String]
    /// pending, completed or failed.
    public var status: String
    public var failureReason: String?
    /// Completed with the image withheld by the safety check.
    public var withheld: Bool
    public var priceUSDMicros: Int64
    public var billedUSDMicros: Int64
    public var polls: Int
    public var created: Date
}

/// A generation as the fake keeps it: its outcome is fixed when accepted and shown once its
/// time has come.
struct FakeGeneration: Sendable {
    enum Ending: Sendable {
        /// nil url: withheld by the safety check.
        case completes(url: String?)
        case fails(reason: String)
    }

    var id: String
    var model: V2Model
    var fields: [String: String]
    var seed: Int
    var resolution: ResultResolution
    var created: Date
    var readyAt: Date
    var ending: Ending
    var priceMicros: Int64
    var polls = 0

    func status(at now: Date) -> String {
        guard now >= readyAt else { return "pending" }
        if case .fails = ending { return "failed" }
        return "completed"
    }

    /// The image entries once completed.
    var entries: [GenerationImageEntry] {
        guard case .completes(let url) = ending else { return [] }
        return [GenerationImageEntry(url: url, resolution: resolution.description, seed: seed, isImageSafe: url != nil,
                                     assetID: "asset-" + id)]
    }

    func record(at now: Date) -> GenerationRecord {
        let status = status(at: now)
        var failureReason: String?
        if status == "failed", case .fails(let reason) = ending { failureReason = reason }
        var withheld = false
        if case .completes(let url) = ending { withheld = url == nil }
        return GenerationRecord(
            generationID: id, model: model.rawValue, fields: fields, status: status, failureReason: failureReason,
            withheld: withheld, priceUSDMicros: priceMicros, billedUSDMicros: status == "completed" ? priceMicros : 0,
            polls: polls, created: created)
    }
}
