import ArgumentParser
import IdeogramKit

extension MagicPromptOption: ExpressibleByArgument {
    public init?(argument: String) { self.init(caseInsensitive: argument) }
    public static var allValueStrings: [String] { ["auto", "on", "off"] }
}

extension Dialect: ExpressibleByArgument {}

/// What the options come to: the request, where to send it and with which credential, each
/// refused with a message that names the option.
extension UpscaleCommand {
    func request() throws(CommandFailure) -> UpscaleRequest {
        let request = UpscaleRequest(prompt: prompt, resemblance: resemblance, detail: detail, magicPromptOption: magicPrompt,
                                     magicPromptVersion: magicPromptVersion, numImages: numImages, seed: seed)
        let problems = request.problems()
        guard problems.isEmpty else {
            throw CommandFailure(.badInput, problems.map { "--" + $0.field.replacingOccurrences(of: "_", with: "-") + ": " + $0.description }.joined(separator: "\n"))
        }
        return request
    }

    func endpoint(environment: [String: String]) throws(CommandFailure) -> Endpoint {
        var chosenDialect = dialect
        if chosenDialect == nil, let text = environment["IDEOGRAM_DIALECT"], !text.isEmpty {
            guard let parsed = Dialect(rawValue: text.lowercased()) else {
                throw CommandFailure(.badInput, "IDEOGRAM_DIALECT=\(TerminalSafeText.sanitize(text, limit: 40)) is not aggregator or official")
            }
            chosenDialect = parsed
        }
        let resolvedDialect = chosenDialect ?? .official
        let base = baseURL ?? environment["IDEOGRAM_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        guard let base = base ?? (resolvedDialect == .official ? Endpoint.officialBaseURL : nil) else {
            throw CommandFailure(.badInput, "the aggregator dialect needs --base-url (or IDEOGRAM_BASE_URL): the aggregator's address")
        }
        do { return try Endpoint(baseURL: base, dialect: resolvedDialect) } catch { throw CommandFailure(.badInput, error.description) }
    }

    func key(environment: [String: String]) throws(CommandFailure) -> APIKey {
        guard let raw = environment["IDEOGRAM_API_KEY"], !raw.isEmpty else {
            throw CommandFailure(.authorization, "no API key: set IDEOGRAM_API_KEY (for the fake service: IDEOGRAM_API_KEY=test-key)")
        }
        do { return try APIKey(raw) } catch { throw CommandFailure(.authorization, "IDEOGRAM_API_KEY: \(error.description)") }
    }

    func timeouts() throws(CommandFailure) -> UpscaleTimeouts {
        guard (1...3600).contains(timeout) else { throw CommandFailure(.badInput, "--timeout \(timeout) is out of range: allowed 1 to 3600 seconds") }
        return UpscaleTimeouts(connect: .seconds(10), overall: .seconds(timeout))
    }
}

/// A failure found by the command itself, with the exit status it leads to.
struct CommandFailure: Error {
    var status: ExitStatus
    var message: String
    init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }
}
