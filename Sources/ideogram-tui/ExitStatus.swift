import ArgumentParser
import IdeogramKit

/// The exit codes of `upscale`, one per kind of failure a script may want to react to.
enum ExitStatus: Int32, CaseIterable {
    case success = 0
    case failure = 1
    case badInput = 2
    case authorization = 3
    case outOfCredit = 4
    case safety = 5
    case network = 6
    case rateLimited = 7
    case outcomeUnknown = 8

    init(_ category: UpscaleErrorCategory) {
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

    var meaning: String {
        switch self {
        case .success: "every file was upscaled and its results saved"
        case .failure: "another failure: a server error, an unreadable answer, a download that failed"
        case .badInput: "bad input: a file or value refused before sending, or by the service (400, 413)"
        case .authorization: "no API key, or the key was refused (401, 403)"
        case .outOfCredit: "out of credit (402)"
        case .safety: "rejected by the safety check (422)"
        case .network: "network failure or timeout before the request was sent (nothing billed)"
        case .rateLimited: "rate limited (429)"
        case .outcomeUnknown: "sent, but no answer came: it may have been billed"
        }
    }

    static var helpTable: String {
        allCases.map { "  \($0.rawValue)  \($0.meaning)" }.joined(separator: "\n")
            + "\n  64  the command line could not be parsed"
            + "\nWith several files, the code is that of the first file that failed."
    }

    var exitCode: ExitCode { ExitCode(rawValue) }
}
