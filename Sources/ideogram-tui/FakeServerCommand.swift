import ArgumentParser
import FakeIdeogram
import Foundation
import Logging

struct FakeServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fake-server",
        abstract: "Run the fake Upscale service on loopback, for trying the client, scripts and curl.",
        discussion: """
            It serves both dialects (POST /ideogram/upscale with a Bearer token, POST /upscale
            with Api-Key), checks requests as strictly as the real service, and serves real PNG
            results that expire. Control it while it runs:
              curl -X POST localhost:PORT/_fake/faults -d '{"faults":["429:2","503"]}'
              curl localhost:PORT/_fake/requests
            Fault specs: \(FakeFault.specSyntax)
            """
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

    @Option(help: "Images in flight before it answers 429.")
    var maxInFlight: Int = 10

    @Option(help: "Seed for its randomness, for repeatable runs.")
    var seed: UInt64?

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
        do {
            configuration.randomFaults = try faultRate.map { spec throws(FakeFaultSpecError) in try RandomFault(spec: spec) }
            let faults = try fault.map { spec throws(FakeFaultSpecError) in try FakeFault(spec: spec) }
            try configuration.validate()
            let service = FakeIdeogramService(configuration: configuration)
            service.injectFaults(faults)
            let port = try await service.start()
            // Written straight to the file handle: print() buffers when piped, and scripts wait for this line.
            let shownKey = anyKey ? "<any>" : key
            FileHandle.standardOutput.write(Data("""
                fake Ideogram service on http://\(host):\(port)
                  official:   POST /upscale            (Api-Key: \(shownKey))
                  aggregator: POST /ideogram/upscale   (Authorization: Bearer \(shownKey))
                try: IDEOGRAM_API_KEY=\(anyKey ? "anything" : key) ideogram-tui upscale FILE --base-url http://\(host):\(port)

                """.utf8))
            let signal = await TerminationSignal.wait()
            FileHandle.standardOutput.write(Data("stopping on \(signal)\n".utf8))
            await service.stop()
        } catch let error as FakeFaultSpecError {
            throw ValidationError(error.description)
        } catch let error as FakeServiceConfigurationError {
            throw ValidationError(error.description)
        }
    }
}
