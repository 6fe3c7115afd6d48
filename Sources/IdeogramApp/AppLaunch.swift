import CursesBackend
import Foundation
import IdeogramKit
import ImagePreview
import Logging
import TerminalUI
import UpscaleQueue

/// Everything the UI needs, assembled from configuration, environment and flags, then run.
public struct AppLaunch {
    public struct Options: Sendable {
        public var folder: String?
        public var demo = false
        public var baseURL: String?
        public var dialect: Dialect?
        public var configPath: String?
        public var mouse: Bool?
        public var historyPath: String?
        public init() {}
    }

    public enum Failure: Error, CustomStringConvertible {
        case configuration(ConfigurationError)
        case key(APIKeySource.Failure)
        case history(String)
        case terminal(String)
        case demo(String)

        public var description: String {
            switch self {
            case .configuration(let e): "configuration: \(e.description)"
            case .key(let e): e.description
            case .history(let m): m
            case .terminal(let m): m
            case .demo(let m): "the demo could not start: \(m)"
            }
        }
    }

    public static func run(options: Options, environment: [String: String]) async throws(Failure) {
        // Few malloc arenas: the UI's threads allocate little, and every arena keeps what it freed.
        HeapTuning.limitArenas(to: 2)
        let directories = XDGDirectories(environment: environment)
        LoggingSystem.bootstrap(FileLogHandler.factory(path: directories.logFile, level: environment["IDEOGRAM_LOG"] == "debug" ? .debug : .info))
        let logger = Logger(label: "ideogram.app")

        var configuration = AppConfiguration()
        do {
            try ConfigurationFile.load(path: options.configPath ?? directories.configFile, into: &configuration, directories: directories)
            try configuration.apply(environment: environment)
        } catch { throw .configuration(error) }
        if let base = options.baseURL { configuration.baseURL = base }
        if let dialect = options.dialect { configuration.dialect = dialect }
        if let mouse = options.mouse { configuration.mouse = mouse }

        var demo: DemoEnvironment?
        let endpoint: Endpoint
        let key: APIKey
        var historyPath = options.historyPath ?? QueuePaths.defaultHistoryPath(environment: environment)
        var outputDirectory = configuration.outputDirectory ?? OutputLocation.defaultDirectory(environment: environment)
        var folder = options.folder ?? FileManager.default.currentDirectoryPath
        if options.demo {
            do { demo = try DemoEnvironment.start(keepFolder: environment["IDEOGRAM_DEMO_KEEP"] == "1") } catch {
                throw .demo(String(describing: error))
            }
            endpoint = demo!.endpoint
            key = demo!.apiKey
            historyPath = demo!.historyPath
            outputDirectory = demo!.outputDirectory
            if options.folder == nil { folder = demo!.samplesFolder }
        } else {
            do { endpoint = try configuration.endpoint() } catch { throw .configuration(error) }
            do { key = try APIKeySource.load(environment: environment, keyFile: configuration.keyFile ?? directories.keyFile) } catch { throw .key(error) }
        }
        logger.info("starting", metadata: ["endpoint": "\(endpoint)", "demo": "\(options.demo)", "key": "\(key.redacted)"])

        // The demo's calls go to the fake backend in this process, not over the network.
        let network: LiveNetwork?
        let service: any UpscaleService
        let fetcher: any ResultFetching
        if let demo {
            network = nil
            (service, fetcher) = (demo.service, demo.fetcher)
        } else {
            let live = LiveNetwork(credentials: [(endpoint: endpoint, key: key)], logger: logger)
            network = live
            (service, fetcher) = (live.service, live.downloader)
        }
        let queue: UpscaleQueue
        do {
            var queueConfiguration = QueueConfiguration()
            queueConfiguration.concurrency = configuration.concurrency
            queueConfiguration.outputDirectory = outputDirectory
            queueConfiguration.maxUploadBytes = configuration.maxUploadBytes
            let history = try History.open(at: historyPath)
            queue = try await UpscaleQueue.open(history: history, service: service, fetcher: fetcher,
                                                configuration: queueConfiguration)
        } catch {
            try? await network?.shutdown()
            demo?.stop()
            throw .history(error.description)
        }

        var state = AppState(
            startFolder: FilePath(folder), homeDirectory: FilePath(directories.home),
            connection: ConnectionInfo(endpoint: endpoint.upscaleURL, dialect: endpoint.dialect.rawValue,
                                       isDemo: options.demo, redactedKey: options.demo ? nil : key.redacted),
            noColor: !configuration.colors, mouseEnabled: configuration.mouse)
        state.parameters.load(configuration.defaults)
        if let moved = queue.history.movedAside { state.message = StatusMessage(moved.description, isError: true) }

        let control = QueueJobControl(queue: queue, endpoint: endpoint, outputDirectory: outputDirectory)
        let previewColors: PreviewColorMode = configuration.colors ? .preferred(environment: environment) : .none
        let runner = AppRunner(state: state, jobs: control, previews: LoaderPreviewProvider(colors: previewColors),
                               terminalOptions: .init(mouse: configuration.mouse, noColor: !configuration.colors))
        var failure: Failure?
        do { try await runner.run() } catch { failure = .terminal(error.description) }
        await queue.close()
        try? await network?.shutdown()
        demo?.stop()
        logger.info("stopped")
        if let failure { throw failure }
    }
}
