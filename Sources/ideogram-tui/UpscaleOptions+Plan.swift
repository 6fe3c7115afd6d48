import Foundation
import IdeogramClient
import IdeogramKit
import UpscaleQueue

/// What the options come to: the request, where to send it and with which credential, each
/// refused with a message that names the option; then the run itself.
extension UpscaleOptions {
    /// Checks everything, then runs the jobs; ends the process with the run's exit status.
    func run() async -> Never {
        let environment = ProcessInfo.processInfo.environment
        let format: OutputFormat = json ? .json : (isatty(STDOUT_FILENO) == 1 ? .terminal : .plain)
        let plan: UpscalePlan
        do {
            plan = try makePlan(environment: environment)
        } catch {
            ResultPrinter.fatalNow(error.message)
            exit(error.status.rawValue)
        }
        let cwd = FileManager.default.currentDirectoryPath
        let labels = Dictionary(plan.files.map { ($0.hasPrefix("/") ? $0 : cwd + "/" + $0, $0) }) { first, _ in first }
        let printer = ResultPrinter(format: format, live: isatty(STDERR_FILENO) == 1, labels: labels)
        // From here a signal closes the queue cleanly instead of killing the process.
        let signals = SignalWatch.start()
        await UpscaleRun(plan: plan, printer: printer, signals: signals).run()
    }

    /// Everything checked up front: options, key, endpoint and each file's header.
    func makePlan(environment: [String: String]) throws(CommandFailure) -> UpscalePlan {
        guard maxUploadMb > 0, maxUploadMb <= 1000 else {
            throw CommandFailure(.badInput, "--max-upload-mb \(maxUploadMb) is out of range: allowed above 0 up to 1000")
        }
        guard (1...QueueConfiguration.serviceImagesInFlight).contains(concurrency) else {
            throw CommandFailure(.badInput, "--concurrency \(concurrency) is out of range: allowed 1 to \(QueueConfiguration.serviceImagesInFlight)")
        }
        guard (1...20).contains(maxAttempts) else {
            throw CommandFailure(.badInput, "--max-attempts \(maxAttempts) is out of range: allowed 1 to 20")
        }
        let request = try self.request()
        let endpoint = try self.endpoint(environment: environment)
        let timeouts = try self.timeouts()
        let maxBytes = Int(maxUploadMb * 1_000_000)
        var problems: [String] = []
        for file in files {
            do { _ = try SourceImage.inspect(path: file, maxBytes: maxBytes) } catch { problems.append(error.description) }
        }
        guard problems.isEmpty else { throw CommandFailure(.badInput, problems.joined(separator: "\n") + "\nnothing was sent") }
        let key = try self.key(environment: environment)
        return UpscalePlan(files: files, request: request, endpoint: endpoint, key: key, timeouts: timeouts, maxBytes: maxBytes,
                           outputDirectory: out ?? OutputLocation.defaultDirectory(environment: environment),
                           savesResults: !noDownload, concurrency: concurrency, maxAttempts: maxAttempts,
                           historyPath: HistoryLocation.resolve(historyPath, environment: environment), resume: resume, force: force)
    }

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

/// Everything a run needs, checked.
struct UpscalePlan: Sendable {
    var files: [String]
    var request: UpscaleRequest
    var endpoint: Endpoint
    var key: APIKey
    var timeouts: UpscaleTimeouts
    var maxBytes: Int
    var outputDirectory: String
    var savesResults: Bool
    var concurrency: Int
    var maxAttempts: Int
    var historyPath: String
    var resume: Bool
    var force: Bool

    var queueConfiguration: QueueConfiguration {
        var retry = RetryPolicy.upscale
        retry.maxAttempts = maxAttempts
        return QueueConfiguration(concurrency: concurrency, upscaleRetry: retry, outputDirectory: outputDirectory,
                                  maxUploadBytes: maxBytes, savesResults: savesResults)
    }
}
