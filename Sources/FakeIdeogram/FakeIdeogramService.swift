@_exported import FakeIdeogramCore
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// A stand-in for the Ideogram Upscale API over HTTP on loopback, strict like the real one:
/// both dialects, multipart checks, limits, signed expiring result URLs serving the source
/// enlarged as PNG, plus injectable faults and a log of what it received. The behaviour is
/// `FakeIdeogramCore`'s `FakeBackend`; this is its HTTP surface (Hummingbird). Importing this
/// module imports the core too, so its users name the configuration and faults as before.
///
///     let service = FakeIdeogramService()
///     let port = try await service.start()
///     ... // talk to service.baseURL
///     await service.stop()
public final class FakeIdeogramService: Sendable {
    public let configuration: FakeServiceConfiguration
    private let backend: FakeBackend
    private let lifecycle = Locked(Lifecycle.idle)
    private let boundPort = Locked(0)

    private enum Lifecycle {
        case idle
        case running(ServiceGroup, Task<Void, Never>?)
        case stopped
    }

    public init(configuration: FakeServiceConfiguration = .init(), logger: Logger? = nil) {
        self.configuration = configuration
        backend = FakeBackend(configuration: configuration, logger: logger)
    }

    /// "http://127.0.0.1:PORT" once started (port 0 before); wildcard bind addresses become loopback.
    public var baseURL: String {
        let host: String = switch configuration.host {
        case "0.0.0.0", "": "127.0.0.1"
        case "::": "[::1]"
        case let host where host.contains(":"): "[\(host)]"
        case let host: host
        }
        return "http://\(host):\(port)"
    }

    /// The bound port once started, else 0.
    public var port: Int { boundPort.withLock { $0 } }

    /// Images (num_images summed) of the upscales being processed right now.
    public var imagesInFlight: Int { backend.imagesInFlight }

    /// Starts listening and returns the bound port; the server runs in the background until `stop()`.
    public func start() async throws -> Int {
        let startup = StartupSignal()
        let group = try launch(signals: []) { startup.succeed($0) }
        let task = Task {
            do {
                try await group.run()
                startup.fail(FakeServiceError.stoppedBeforeListening)
            } catch {
                startup.fail(error)
            }
        }
        lifecycle.withLock { $0 = .running(group, task) }
        return try await startup.wait()
    }

    /// For the CLI: starts and blocks until SIGINT, SIGTERM or `stop()`, shutting down gracefully.
    /// `onListening` gets the bound port once the server accepts connections.
    public func run(onListening: (@Sendable (Int) -> Void)? = nil) async throws {
        let group = try launch(signals: [.sigint, .sigterm]) { onListening?($0) }
        try await group.run()
        lifecycle.withLock { $0 = .stopped }
    }

    /// Graceful shutdown: stops accepting, lets answers in progress finish, then returns.
    public func stop() async {
        let running: (ServiceGroup, Task<Void, Never>?)? = lifecycle.withLock { state in
            guard case .running(let group, let task) = state else { return nil }
            state = .stopped
            return (group, task)
        }
        guard let (group, task) = running else { return }
        await group.triggerGracefulShutdown()
        await task?.value
    }

    /// Queues one-shot faults: the next upscale requests get them, in order.
    public func injectFaults(_ faults: [FakeFault]) {
        backend.enqueueFaults(faults)
    }

    /// Every upscale request received so far, in the order they were answered, with the status.
    public func receivedRequests() -> [ReceivedUpscale] {
        backend.receivedRequests()
    }

    /// Queues one-shot poll faults: the next polls of v2 generations get them, in order.
    public func injectPollFaults(_ faults: [PollFault]) {
        backend.enqueuePollFaults(faults)
    }

    /// Every v2 upscale, quote and poll so far, in the order they were answered.
    public func receivedV2Calls() -> [ReceivedV2Call] {
        backend.receivedV2Calls()
    }

    /// Every v2 generation as it stands now, with what it billed.
    public func generationRecords() -> [GenerationRecord] {
        backend.generationRecords()
    }

    /// Builds the Hummingbird application inside a service group and registers it as running.
    private func launch(signals: [UnixSignal], onListening: @escaping @Sendable (Int) -> Void) throws -> ServiceGroup {
        try configuration.validate()
        let backend = self.backend
        let service = self
        let application = Application(
            router: FakeRoutes.router(backend: backend),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                service.boundPort.withLock { $0 = port }
                backend.resultBaseURL = service.baseURL
                backend.logger.info("fake Ideogram service listening", metadata: ["url": "\(service.baseURL)"])
                onListening(port)
            },
            logger: backend.logger)
        let group = ServiceGroup(
            configuration: .init(services: [application], gracefulShutdownSignals: signals, logger: backend.logger))
        try lifecycle.withLock { state in
            guard case .idle = state else { throw FakeServiceError.alreadyStarted }
            state = .running(group, nil)
        }
        return group
    }
}

public enum FakeServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A service instance is started once; create a new one to start again.
    case alreadyStarted
    case stoppedBeforeListening

    public var description: String {
        switch self {
        case .alreadyStarted: "the fake Ideogram service was already started; create a new instance"
        case .stoppedBeforeListening: "the fake Ideogram service stopped before it was listening"
        }
    }
}
