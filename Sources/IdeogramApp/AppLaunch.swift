import AppLoop
import AppSettings
import CursesBackend
import Foundation
import IdeogramClient
import IdeogramKit
import ImagePreview
import Logging
import TerminalUI
import UpscaleQueue

/// Everything the UI needs, assembled from the settings (flags, environment, config.toml), then run.
public struct AppLaunch {
    public struct Options: Sendable {
        public var folder: String?
        public var demo = false
        /// What the command line says about the settings.
        public var settings = SettingValues()
        public var configPath: String?
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
        let directories = XDGDirectories(environment: environment)
        LoggingSystem.bootstrap(FileLogHandler.factory(path: directories.logFile, level: environment["IDEOGRAM_LOG"] == "debug" ? .debug : .info))
        let logger = Logger(label: "ideogram.app")

        let configuration: Settings
        do { configuration = try Settings.resolve(flags: options.settings, configPath: options.configPath, environment: environment) } catch {
            throw .configuration(error)
        }

        var demo: DemoEnvironment?
        let endpoint: Endpoint
        let key: APIKey
        var historyPath = configuration.historyPath
        var outputDirectory = configuration.outputDirectory
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
            do { key = try configuration.key.load() } catch { throw .key(error) }
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
            var queueConfiguration = configuration.queueConfiguration
            queueConfiguration.outputDirectory = outputDirectory
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
            noColor: !configuration.colors, mouseEnabled: configuration.mouse, now: Date(),
            modelDefaults: configuration.modelDefaults)
        state.parameters.load(configuration.defaults)
        state.legacyPriceUSDMicros = configuration.legacyPriceUSDMicros
        state.confirmOverUSDMicros = configuration.confirmOverUSDMicros
        if let moved = queue.history.movedAside { state.message = StatusMessage(moved.description, isError: true) }

        let control = QueueJobControl(queue: queue, endpoint: endpoint, outputDirectory: outputDirectory)
        let previewColors: PreviewColorMode = configuration.colors ? .preferred(environment: environment) : .none
        // Asked before ncurses takes the terminal, so the answers are not read as keys.
        let graphics = PreviewGraphics.decide(configuration.previewProtocol, colors: configuration.colors, environment: environment,
                                              kernelCell: GraphicsProbe.cellPixelSize(), ask: { GraphicsProbe.ask() })
        logger.info("previews", metadata: ["protocol": "\(graphics.pixelProtocol?.rawValue ?? "symbols")"])
        let previews = LoaderPreviewProvider(colors: previewColors, pixels: graphics.pixelProtocol,
                                             cellPixels: { graphics.cellPixels(kernel: GraphicsProbe.cellPixelSize()) })
        let terminal = CursesTerminal(options: .init(mouse: configuration.mouse, noColor: !configuration.colors,
                                                     graphics: graphics.pixelProtocol != nil))
        let loop = AppLoop(state: state, terminal: terminal, jobs: control, previews: previews)
        var failure: Failure?
        do { try await loop.run() } catch { failure = .terminal(error.description) }
        await queue.close()
        try? await network?.shutdown()
        demo?.stop()
        logger.info("stopped")
        if let failure { throw failure }
    }
}
