import ArgumentParser
import AsyncHTTPClient
import Foundation
import IdeogramKit

struct UpscaleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upscale",
        abstract: "Upscale image files and save every result with a JSON sidecar.",
        discussion: """
            Every file and option is checked before anything is sent. Results are downloaded at
            once (their URLs expire) into --out, named <file>-upscaled-<seed>.<ext>.
            On a terminal, progress is shown per file; piped, one tab-separated line per result:
              ok|withheld|failed <TAB> source <TAB> saved file or error <TAB> resolution <TAB> seed <TAB> url
            With --json, one JSON object per source file, one per line.

            Exit codes:
            \(ExitStatus.helpTable)
            """
    )

    @Argument(help: ArgumentHelp("PNG, JPEG or WEBP files.", valueName: "file"))
    var files: [String]

    @OptionGroup var requestOptions: RequestOptions
    @OptionGroup var service: ServiceOptions

    @Option(help: ArgumentHelp("Folder for results (default: ~/Pictures/ideogram-tui or $XDG_DATA_HOME/ideogram-tui/results).", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("Refuse files above this size in MB; the official limit is 10.", valueName: "mb"))
    var maxUploadMb: Double = 10

    @Flag(help: "Print one JSON object per source file.")
    var json = false

    @Flag(help: "Print the result URLs without saving the images (they expire within the hour).")
    var noDownload = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let printer = ResultPrinter(mode: json ? .json : (isatty(STDERR_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 ? .terminal : .plain))
        let plan: UpscalePlan
        do {
            plan = try makePlan(environment: environment)
        } catch {
            printer.fatal(error.message)
            throw error.status.exitCode
        }
        let http = HTTPClient.forIdeogram(timeouts: plan.timeouts)
        let status = await UpscaleRun(plan: plan, http: http, printer: printer).run()
        try? await http.shutdown()
        if status != .success { throw status.exitCode }
    }

    /// Everything checked up front: options, key, endpoint and each file's header.
    private func makePlan(environment: [String: String]) throws(CommandFailure) -> UpscalePlan {
        guard maxUploadMb > 0, maxUploadMb <= 1000 else {
            throw CommandFailure(.badInput, "--max-upload-mb \(maxUploadMb) is out of range: allowed above 0 up to 1000")
        }
        let request = try requestOptions.request()
        let endpoint = try service.endpoint(environment: environment)
        let timeouts = try service.timeouts()
        let maxBytes = Int(maxUploadMb * 1_000_000)
        var problems: [String] = []
        for file in files {
            do { _ = try SourceImage.inspect(path: file, maxBytes: maxBytes) } catch { problems.append(error.description) }
        }
        guard problems.isEmpty else { throw CommandFailure(.badInput, problems.joined(separator: "\n") + "\nnothing was sent") }
        let key = try service.key(environment: environment)
        return UpscalePlan(files: files, request: request, endpoint: endpoint, key: key, timeouts: timeouts,
                           maxBytes: maxBytes,
                           outputDirectory: noDownload ? nil : (out ?? OutputLocation.defaultDirectory(environment: environment)))
    }
}

struct UpscalePlan {
    var files: [String]
    var request: UpscaleRequest
    var endpoint: Endpoint
    var key: APIKey
    var timeouts: UpscaleTimeouts
    var maxBytes: Int
    var outputDirectory: String?
}

/// Sends the planned files one after another and reports each.
struct UpscaleRun {
    let plan: UpscalePlan
    let http: HTTPClient
    let printer: ResultPrinter

    func run() async -> ExitStatus {
        let client = UpscaleClient(endpoint: plan.endpoint, key: plan.key, http: http, timeouts: plan.timeouts)
        let pipeline = UpscaleAndSave(client: client, downloader: ResultDownloader(http: http), outputDirectory: plan.outputDirectory)
        var firstFailure: ExitStatus?
        for (position, file) in plan.files.enumerated() {
            let label = "[\(position + 1)/\(plan.files.count)] " + TerminalSafeText.sanitize(SourceImage.lastComponent(of: file), limit: 60)
            do throws(UpscaleError) {
                let image: SourceImage
                do { image = try SourceImage.load(path: file, maxBytes: plan.maxBytes) } catch { throw .invalidImage(error) }
                printer.progress(label, "reading")
                let saved = try await pipeline.run(image: image, request: plan.request) { stage in printer.progress(label, stage) }
                printer.results(source: file, saved: saved)
                if saved.contains(where: { if case .downloadFailed = $0 { true } else { false } }) { firstFailure = firstFailure ?? .failure }
            } catch {
                printer.failure(source: file, error: error)
                firstFailure = firstFailure ?? ExitStatus(error.category)
                // Out of credit or a refused key will refuse every other file too.
                if error.category == .authorization || error.category == .outOfCredit {
                    let rest = plan.files.count - position - 1
                    if rest > 0 { printer.note("stopping: the remaining \(rest) file(s) were not sent") }
                    break
                }
            }
        }
        return firstFailure ?? .success
    }
}
