import ArgumentParser
import Foundation
import IdeogramKit
import UpscaleQueue

struct UpscaleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upscale",
        abstract: "Upscale image files through the job queue and save every result with a JSON sidecar.",
        discussion: """
            Every file and option is checked before anything is sent. The files go through the
            job queue (--concurrency at once; 429, 5xx and failures before sending are retried),
            and every job is recorded in the history (see `ideogram-tui history`). Results are
            downloaded at once (their URLs expire) into --out, named <file>-upscaled-<seed>.<ext>.

            A file already upscaled with the same request and a fixed --seed is not sent again:
            the earlier result is shown (--force sends it anyway). Ctrl-C stops cleanly: requests
            in flight are cancelled and recorded as cancelled, or as outcome unknown when they
            were already sent. Jobs left queued (by Ctrl-C, 401/403 or 402) are sent by a later
            `ideogram-tui upscale --resume`; an interrupted download is finished by any later run.

            On a terminal, progress per job and a summary go to stderr. Piped, one tab-separated
            line per result on stdout:
              ok|withheld|failed|duplicate|pending <TAB> source <TAB> saved file or message <TAB> resolution <TAB> seed <TAB> url
            (a file with no result gets one line with "-" in the last three fields).
            With --json, one JSON object per source file, one per line: source, job, status
            (done, failed, duplicate, pending), state, images (seed, resolution, prompt, url,
            is_image_safe, status: saved, withheld, not_downloaded, expired or download_failed;
            file, sidecar, bytes), and for failures category, error and may_have_been_billed.

            Exit codes:
            \(ExitStatus.helpTable)
            """
    )

    // Every option is declared here rather than in option groups: swift-argument-parser
    // reflects on each group's type at every start, about 0.8 ms a group here, and scripts start
    // this command once per call. The checks behind them are in UpscaleCommand+Settings.swift.

    @Argument(help: ArgumentHelp("PNG, JPEG or WEBP files.", valueName: "file"))
    var files: [String] = []

    // The `image_request` fields, checked by `UpscaleRequest` itself.

    @Option(help: "Text to guide the upscale.")
    var prompt: String?

    @Option(help: "How closely to keep to the source, 1 to 100.")
    var resemblance: Int = UpscaleRequest.defaultResemblance

    @Option(help: "How much detail to add, 1 to 100.")
    var detail: Int = UpscaleRequest.defaultDetail

    @Option(help: "Let the service rewrite the prompt: auto, on or off.")
    var magicPrompt: MagicPromptOption = .auto

    @Option(help: ArgumentHelp("Magic prompt version, e.g. V_0 (only with auto or on).", valueName: "version"))
    var magicPromptVersion: String?

    @Option(help: "A fixed seed, 0 to 2147483647 (default: random).")
    var seed: Int?

    @Option(help: "Images per source file, 1 to 8; each is billed.")
    var numImages: Int = 1

    // Where to send requests.

    @Option(help: ArgumentHelp("Service base URL (env IDEOGRAM_BASE_URL). Default: \(Endpoint.officialBaseURL) for the official dialect.", valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp("aggregator (POST {base}/ideogram/upscale, Bearer token) or official (POST {base}/upscale, Api-Key). Env IDEOGRAM_DIALECT.", valueName: "dialect"))
    var dialect: Dialect?

    @Option(help: ArgumentHelp("Seconds to wait for a whole answer; upscales can take over a minute.", valueName: "seconds"))
    var timeout: Int = 180

    @Option(help: ArgumentHelp("Folder for results (default: $XDG_PICTURES_DIR/ideogram-tui, ~/Pictures/ideogram-tui, or $XDG_DATA_HOME/ideogram-tui/results).", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("Refuse files above this size in MB; the official limit is 10.", valueName: "mb"))
    var maxUploadMb: Double = 10

    @Option(help: "Requests in flight at once, 1 to 10 (never more than 10 images, counting --num-images).")
    var concurrency: Int = 4

    @Option(help: "Attempts per file for 429, 5xx and failures before the request was sent, 1 to 20 (1: no retries).")
    var maxAttempts: Int = RetryPolicy.upscale.maxAttempts

    @Flag(help: "Send the jobs an interrupted run left queued (with this --base-url and --dialect) and finish its downloads.")
    var resume = false

    @Flag(help: "Send a file even if it was already upscaled with the same request and fixed seed.")
    var force = false

    @Flag(help: "Print one JSON object per source file.")
    var json = false

    @Flag(help: "Print the result URLs without saving the images (they expire within the hour).")
    var noDownload = false

    @Option(name: .customLong("history"), help: HistoryLocation.help)
    var historyPath: String?

    func validate() throws {
        guard !files.isEmpty || resume else { throw ValidationError("give at least one image file (or --resume)") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let format: OutputFormat = json ? .json : (isatty(STDOUT_FILENO) == 1 ? .terminal : .plain)
        let plan: UpscalePlan
        do {
            plan = try makePlan(environment: environment)
        } catch {
            ResultPrinter.fatalNow(error.message)
            throw error.status.exitCode
        }
        let cwd = FileManager.default.currentDirectoryPath
        let labels = Dictionary(plan.files.map { ($0.hasPrefix("/") ? $0 : cwd + "/" + $0, $0) }) { first, _ in first }
        let printer = ResultPrinter(format: format, live: isatty(STDERR_FILENO) == 1, labels: labels)
        // From here a signal closes the queue cleanly instead of killing the process.
        let signals = SignalWatch.start()
        await UpscaleRun(plan: plan, printer: printer, signals: signals).run()
    }

    /// Everything checked up front: options, key, endpoint and each file's header.
    private func makePlan(environment: [String: String]) throws(CommandFailure) -> UpscalePlan {
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
}

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
