import AppSettings
import Foundation
import IdeogramClient
import IdeogramKit
import UpscaleQueue

/// What the options come to with the settings: the request, where to send it and with which
/// key, each refused with a message that names the option; then the run itself.
extension UpscaleOptions {
    /// Checks everything, then runs the jobs; the run's exit status.
    public func run(environment: [String: String], output: ConsoleOutput = .standard) async -> ExitStatus {
        let plan: UpscalePlan
        do {
            plan = try makePlan(settings: try settings(environment: environment))
        } catch {
            output.err("ideogram-tui: " + ReportText.safeLines(error.message) + "\n")
            return error.status
        }
        let cwd = FileManager.default.currentDirectoryPath
        let labels = Dictionary(plan.files.map { ($0.hasPrefix("/") ? $0 : cwd + "/" + $0, $0) }) { first, _ in first }
        let reporter = RunReporter(format: .forStandardOutput(json: json), live: isatty(STDERR_FILENO) == 1, labels: labels, output: output,
                                   legacyPriceUSDMicros: plan.queueConfiguration.legacyPriceUSDMicros)
        // From here a signal closes the queue cleanly instead of killing the process.
        if plan.quote { return await QuoteRun(plan: plan, json: json, output: output).run() }
        let signals = SignalWatch.start()
        return await UpscaleRun(plan: plan, reporter: reporter, signals: signals).run()
    }

    /// The settings, this command line's options first.
    public func settings(environment: [String: String]) throws(CommandFailure) -> Settings {
        var flags = SettingValues()
        flags.baseURL = baseURL
        flags.dialect = dialect
        flags.outputDirectory = out
        flags.historyPath = historyPath
        flags.concurrency = concurrency
        if let maxSpend {
            guard maxSpend.isFinite, maxSpend >= 0 else {
                throw CommandFailure(.badInput, "--max-spend \(maxSpend) is not an amount in dollars: give e.g. 5 or 4.50")
            }
            flags.maxSpendUSDMicrosPerDay = Int64((min(maxSpend, 1e12) * 1_000_000).rounded())
        }
        if let maxUploadMb {
            guard maxUploadMb.isFinite, maxUploadMb > 0, maxUploadMb <= Double(Settings.maxUploadMBRange.upperBound) else {
                throw CommandFailure(.badInput, "--max-upload-mb \(maxUploadMb) is out of range: allowed above 0 up to \(Settings.maxUploadMBRange.upperBound)")
            }
            flags.maxUploadBytes = Int(maxUploadMb * 1_000_000)
        }
        do { return try Settings.resolve(flags: flags, configPath: configPath, environment: environment) } catch {
            throw CommandFailure(.badInput, error.description)
        }
    }

    /// Everything checked up front: options, endpoint, each file's header, then the key.
    public func makePlan(settings: Settings) throws(CommandFailure) -> UpscalePlan {
        guard (1...20).contains(maxAttempts) else {
            throw CommandFailure(.badInput, "--max-attempts \(maxAttempts) is out of range: allowed 1 to 20")
        }
        let generation = try v2Request()
        // A v2 run sends no `image_request`: the legacy one is left at its defaults.
        let request = generation == nil ? try self.request() : UpscaleRequest()
        let endpoint: Endpoint
        do { endpoint = try settings.endpoint() } catch { throw CommandFailure(.badInput, error.description) }
        if let generation, !endpoint.speaksV2 {
            throw CommandFailure(.badInput, "--dialect \(endpoint.dialect.rawValue): \(generation.model.rawValue) is a v2 model, "
                + "which only the official service offers (aggregators pass the legacy upscale through only)")
        }
        let timeouts = try self.timeouts()
        var problems: [String] = []
        for file in files {
            do {
                let header = try SourceImage.inspect(path: file, maxBytes: settings.maxUploadBytes)
                if let generation, let problem = generation.sizeProblem(width: header.width, height: header.height) {
                    problems.append("\(file): \(Self.message(problem, model: generation.model))")
                }
            } catch { problems.append(error.description) }
        }
        guard problems.isEmpty else { throw CommandFailure(.badInput, problems.joined(separator: "\n") + "\nnothing was sent") }
        let key: APIKey
        do { key = try settings.key.load() } catch { throw CommandFailure(.authorization, error.description) }
        var queue = settings.queueConfiguration
        queue.upscaleRetry.maxAttempts = maxAttempts
        queue.savesResults = !noDownload
        return UpscalePlan(files: files, request: request, generation: generation, endpoint: endpoint, key: key, timeouts: timeouts,
                           queueConfiguration: queue, historyPath: settings.historyPath, resume: resume, force: force, quote: quote)
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

    func timeouts() throws(CommandFailure) -> UpscaleTimeouts {
        guard (1...3600).contains(timeout) else { throw CommandFailure(.badInput, "--timeout \(timeout) is out of range: allowed 1 to 3600 seconds") }
        return UpscaleTimeouts(connect: .seconds(10), overall: .seconds(timeout))
    }
}

/// A failure found by the command itself, with the exit status it leads to.
public struct CommandFailure: Error, Equatable {
    public var status: ExitStatus
    public var message: String
    public init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }
}

/// Everything a run needs, checked.
public struct UpscalePlan: Sendable {
    public var files: [String]
    public var request: UpscaleRequest
    /// The v2 request sent instead of `request`, for a v2 model.
    public var generation: V2Request?
    public var endpoint: Endpoint
    public var key: APIKey
    public var timeouts: UpscaleTimeouts
    public var queueConfiguration: QueueConfiguration
    public var historyPath: String
    public var resume: Bool
    public var force: Bool
    /// Only ask the price of each file.
    public var quote: Bool
}
