import Foundation
import IdeogramKit

/// What a quote is asked for: one image with one v2 request. The image's pixel size is part of
/// the key, so a file changed on disk is quoted again; nil when it is not known (`r` on a job).
public struct QuoteKey: Hashable, Sendable {
    public var sourcePath: String
    public var request: V2Request
    public var width: Int?
    public var height: Int?

    public init(sourcePath: String, request: V2Request, width: Int? = nil, height: Int? = nil) {
        self.sourcePath = sourcePath
        self.request = request
        self.width = width
        self.height = height
    }
}

/// The service's answer to a quote: the price, or why there is none (one line).
public enum QuoteOutcome: Hashable, Sendable {
    case quoted(PriceQuote)
    case failed(String)
}

/// The prices asked from the service this run, and the one the pane wants now. A quote is
/// asked only once the request has stood still for `pause` (the time comes from ticks), never
/// on every keystroke; answers are kept, so going back to a request costs no call.
public struct QuoteBook: Hashable, Sendable {
    /// How long the pane's request must stay the same before its quote is asked.
    public static let pause: TimeInterval = 0.5
    /// More marked images than this are priced by the offline estimate, not asked one by one.
    public static let markedLimit = 50

    public var answers: [QuoteKey: QuoteOutcome] = [:]
    /// Asked and not answered yet.
    public var asked: Set<QuoteKey> = []
    /// The pane's current image and request, when they can be quoted.
    public var wanted: QuoteKey?
    /// The marked images with the same request, quoted after the same pause, so a batch's
    /// question sums the service's prices rather than estimates.
    public var marked: [QuoteKey] = []
    /// The first tick after `wanted` last changed; the pause counts from it.
    public var quietSince: Date?
    /// The last quote the pane showed: dimmed while the next one is on its way.
    public var lastShown: PriceQuote?

    public init() {}

    /// A wanted quote is neither answered nor asked: ticks must come to end the pause.
    public var isWaiting: Bool { !unasked.isEmpty }

    /// The pane's quote first, then the marked images', each once.
    var unasked: [QuoteKey] {
        var seen: Set<QuoteKey> = []
        return ([wanted].compactMap { $0 } + marked).filter { answers[$0] == nil && !asked.contains($0) && seen.insert($0).inserted }
    }

    /// The price known for this key, if answered.
    public func quote(_ key: QuoteKey) -> PriceQuote? {
        if case .quoted(let quote)? = answers[key] { return quote }
        return nil
    }
}

/// Money spent today, as the queue counts it, and the cap set, if any.
public struct SpendStatus: Hashable, Sendable {
    public var todayUSDMicros: Int64
    /// The part of today's spend that is estimated (quotes of jobs not billed yet).
    public var estimatedUSDMicros: Int64
    public var capUSDMicros: Int64?

    public init(todayUSDMicros: Int64, estimatedUSDMicros: Int64 = 0, capUSDMicros: Int64? = nil) {
        self.todayUSDMicros = todayUSDMicros
        self.estimatedUSDMicros = estimatedUSDMicros
        self.capUSDMicros = capUSDMicros
    }

    /// "today $3.12 / cap $10.00", "~" when part of it is estimated.
    public var text: String {
        let today = (estimatedUSDMicros > 0 ? "~" : "") + USDMicros.text(todayUSDMicros)
        return "today \(today)" + (capUSDMicros.map { " / cap \(USDMicros.text($0))" } ?? "")
    }
}
