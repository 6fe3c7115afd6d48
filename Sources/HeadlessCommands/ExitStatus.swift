import IdeogramKit

/// The exit codes of `upscale` (and `history`'s 9), one per kind of failure a script may want
/// to react to.
public enum ExitStatus: Int32, CaseIterable, Sendable {
    case success = 0
    case failure = 1
    case badInput = 2
    case authorization = 3
    case outOfCredit = 4
    case safety = 5
    case network = 6
    case rateLimited = 7
    case outcomeUnknown = 8
    case historyUnavailable = 9
    case generationFailed = 10
    case heldByCap = 11
    case interrupted = 130
    case terminated = 143

    public init(_ category: UpscaleErrorCategory) {
        switch category {
        case .badInput: self = .badInput
        case .authorization: self = .authorization
        case .outOfCredit: self = .outOfCredit
        case .safety: self = .safety
        case .network: self = .network
        case .rateLimited: self = .rateLimited
        case .outcomeUnknown: self = .outcomeUnknown
        case .server, .cancelled: self = .failure
        }
    }

    public var meaning: String {
        switch self {
        case .success: "every file was upscaled and its results saved (or had been: a duplicate)"
        case .failure: "another failure: a server error, an unreadable answer, a download that failed"
        case .badInput: "bad input: a file or value refused before sending, or by the service (400, 413)"
        case .authorization: "no API key, or the key was refused (401, 403); files not sent stay queued"
        case .outOfCredit: "out of credit (402); files not sent stay queued for --resume"
        case .safety: "rejected by the safety check (422)"
        case .network: "network failure or timeout before the request was sent (nothing billed), after the retries"
        case .rateLimited: "rate limited (429), after the retries"
        case .outcomeUnknown: "sent, but no answer came: it may have been billed"
        case .historyUnavailable: "the history is busy (another ideogram-tui holds it) or cannot be opened or written"
        case .generationFailed: "a v2 generation was accepted and then failed at the service (its reason is shown); not billed"
        case .heldByCap: "held by the daily spending cap (--max-spend, max_spend_usd_per_day): not sent, it stays queued for --resume"
        case .interrupted: "interrupted by Ctrl-C (SIGINT): what was sent is saved (unless Ctrl-C came twice); files not sent stay queued for --resume"
        case .terminated: "stopped by SIGTERM: requests in flight are outcome unknown; files not sent stay queued for --resume"
        }
    }

    /// Every code and its meaning, one row each, the meaning wrapped under itself so that no
    /// line is wider than `width` (help is then not wrapped again).
    public static func helpTable(width: Int) -> String {
        let rows = allCases.map { (String($0.rawValue), $0.meaning) } + [("64", "the command line could not be parsed")]
        let indent = 7
        return rows.map { code, meaning in
            let lines = HelpText.wrap(meaning, width: max(20, width - indent))
            return lines.enumerated().map { index, line in
                (index == 0 ? "  " + code.padding(toLength: indent - 2, withPad: " ", startingAt: 0) : String(repeating: " ", count: indent)) + line
            }.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}

extension ExitStatus {
    /// The status a finished job's report leads to.
    init(finished report: JobReport) {
        if report.succeeded {
            self = .success
            return
        }
        self = switch report.errorCategory {
        case .badInput: .badInput
        case .authorization: .authorization
        case .outOfCredit: .outOfCredit
        case .safety: .safety
        case .network: .network
        case .rateLimited: .rateLimited
        case .outcomeUnknown: .outcomeUnknown
        case .generationFailed: .generationFailed
        case .server, .cancelled, nil: .failure
        }
    }
}
