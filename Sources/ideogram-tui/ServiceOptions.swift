import ArgumentParser
import Foundation
import IdeogramKit

extension Dialect: ExpressibleByArgument {}

/// Where to send requests and with which credential.
struct ServiceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Service base URL (env IDEOGRAM_BASE_URL). Default: \(Endpoint.officialBaseURL) for the official dialect.", valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp("aggregator (POST {base}/ideogram/upscale, Bearer token) or official (POST {base}/upscale, Api-Key). Env IDEOGRAM_DIALECT.", valueName: "dialect"))
    var dialect: Dialect?

    @Option(help: ArgumentHelp("Seconds to wait for a whole answer; upscales can take over a minute.", valueName: "seconds"))
    var timeout: Int = 180

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
