import ArgumentParser
import FakeIdeogram
import Foundation

/// `ideogram-fake`: the fake Upscale service as a program of its own, for trying the client,
/// scripts and curl against something that behaves like the real service, on loopback.
@main
struct FakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ideogram-fake",
        abstract: "Run the fake Ideogram Upscale service on loopback, for trying the client, scripts and curl.",
        discussion: """
            It serves both dialects (POST /ideogram/upscale with a Bearer token, POST /upscale \
            with Api-Key), checks requests as strictly as the real service, and answers with \
            result URLs that expire and serve the uploaded picture enlarged to the resolution \
            the answer states, as PNG. It stops on SIGINT or SIGTERM, letting answers in \
            progress finish.

            It also serves the current API (Api-Key only): POST /v2/image/upscale/MODEL \
            (?dry_run=true for a price quote) and GET /v2/generations/ID, which answers \
            pending for --generation-ms, then completed or failed.

            Control it while it runs:
              curl -X POST localhost:PORT/_fake/faults -d '{"faults":["429:2","503"]}'
              curl localhost:PORT/_fake/requests
              curl -X POST localhost:PORT/_fake/poll-faults -d '{"faults":["429:2"]}'
              curl localhost:PORT/_fake/v2/calls
              curl localhost:PORT/_fake/v2/generations

            Fault specs: \(FakeFault.specSyntax)
            Poll fault specs: \(PollFault.specSyntax)
            """,
        version: "0.1.0"
    )

    @Option(help: "Port to listen on; 0 picks a free one and prints it.")
    var port: Int = 8080

    @Option(help: "Address to listen on (loopback by default).")
    var host: String = "127.0.0.1"

    @Option(help: "The key or token it accepts.")
    var key: String = "test-key"

    @Flag(help: "Accept any non-empty key.")
    var anyKey = false

    @Option(help: ArgumentHelp("Delay before each answer, in milliseconds.", valueName: "ms"))
    var latencyMs: Int = 0

    @Option(help: ArgumentHelp("Extra random delay up to this many milliseconds.", valueName: "ms"))
    var jitterMs: Int = 0

    @Option(help: ArgumentHelp("A fault for the next request; repeat for a sequence (e.g. --fault 429:2 --fault 503).", valueName: "spec"))
    var fault: [String] = []

    @Option(help: ArgumentHelp("A fault at random with a probability, e.g. 0.1:503.", valueName: "p:spec"))
    var faultRate: [String] = []

    @Option(help: ArgumentHelp("Seconds before result URLs expire.", valueName: "s"))
    var urlLifetime: Int = 3600

    @Option(help: ArgumentHelp("Upload limit in MB.", valueName: "mb"))
    var maxUploadMb: Double = 10

    @Option(help: ArgumentHelp(
        "Read each upload's body no faster than this many megabits per second, to play a slow link (e.g. 100).",
        valueName: "mbit"))
    var readMbit: Double?

    @Option(help: "Images in flight before it answers 429.")
    var maxInFlight: Int = 10

    @Option(help: ArgumentHelp("How long a v2 generation stays pending before it completes or fails.", valueName: "ms"))
    var generationMs: Int = 2000

    @Option(help: ArgumentHelp("Upload limit of the v2 calls in MB.", valueName: "mb"))
    var maxV2UploadMb: Double = 50

    @Option(help: ArgumentHelp("A fault for the next poll of a v2 generation; repeat for a sequence (e.g. --poll-fault 429:2).",
                               valueName: "spec"))
    var pollFault: [String] = []

    @Option(help: ArgumentHelp("A poll fault at random with a probability, e.g. 0.1:429:1.", valueName: "p:spec"))
    var pollFaultRate: [String] = []

    @Option(name: .customLong("max-polls-per-10s"), help: "Polls of v2 generations allowed in any 10 seconds before it answers 429.")
    var maxPollsPer10s: Int = 1000

    @Option(help: "Seed for its randomness, for repeatable runs.")
    var seed: UInt64?

    func validate() throws {
        if let readMbit, !(readMbit > 0) { throw ValidationError("--read-mbit must be a positive number of megabits per second") }
        if generationMs < 0 { throw ValidationError("--generation-ms must not be negative") }
    }

    func run() async throws {
        var configuration = FakeServiceConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.acceptedKeys = anyKey ? nil : [key]
        configuration.latency = .milliseconds(latencyMs)
        configuration.latencyJitter = .milliseconds(jitterMs)
        configuration.urlLifetime = .seconds(urlLifetime)
        configuration.maxUploadBytes = Int(maxUploadMb * 1_000_000)
        configuration.maxImagesInFlight = maxInFlight
        configuration.randomSeed = seed
        configuration.bodyReadBitsPerSecond = readMbit.map { max(1, Int($0 * 1_000_000)) }
        configuration.generationDuration = .milliseconds(generationMs)
        configuration.maxV2UploadBytes = Int(maxV2UploadMb * 1_000_000)
        configuration.maxPollsPer10Seconds = maxPollsPer10s
        let service: FakeIdeogramService
        do {
            configuration.randomFaults = try faultRate.map { spec throws(FakeFaultSpecError) in try RandomFault(spec: spec) }
            configuration.randomPollFaults = try pollFaultRate.map { spec throws(FakeFaultSpecError) in try RandomPollFault(spec: spec) }
            let faults = try fault.map { spec throws(FakeFaultSpecError) in try FakeFault(spec: spec) }
            let pollFaults = try pollFault.map { spec throws(FakeFaultSpecError) in try PollFault(spec: spec) }
            try configuration.validate()
            service = FakeIdeogramService(configuration: configuration)
            service.injectFaults(faults)
            service.injectPollFaults(pollFaults)
        } catch let error as FakeFaultSpecError {
            throw ValidationError(error.description)
        } catch let error as FakeServiceConfigurationError {
            throw ValidationError(error.description)
        }
        let port = try await service.start()
        // Written straight to the file handle: print() buffers when piped, and scripts wait for this line.
        FileHandle.standardOutput.write(Data(banner(port: port).utf8))
        let signal = await TerminationSignal.wait()
        FileHandle.standardOutput.write(Data("stopping on \(signal)\n".utf8))
        await service.stop()
    }

    /// What scripts and people read once it listens; the first line's form is what they wait for.
    private func banner(port: Int) -> String {
        let shownKey = anyKey ? "<any>" : key
        let pace = readMbit.map { "  uploads read at most at \($0) Mbit/s\n" } ?? ""
        return """
            fake Ideogram service on http://\(host):\(port)
              official:   POST /upscale            (Api-Key: \(shownKey))
              aggregator: POST /ideogram/upscale   (Authorization: Bearer \(shownKey))
              v2:         POST /v2/image/upscale/MODEL, GET /v2/generations/ID   (Api-Key; generations take \(generationMs) ms)
            \(pace)try: IDEOGRAM_API_KEY=\(anyKey ? "anything" : key) ideogram-tui upscale FILE --base-url http://\(host):\(port)

            """
    }
}
