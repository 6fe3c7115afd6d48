import AsyncHTTPClient
import FakeIdeogram
import Foundation
import IdeogramClient
@testable import IdeogramKit
import NIOCore
import Testing

/// A fake service on an ephemeral loopback port and a client pointed at it.
struct FakeServiceFixture {
    let service: FakeIdeogramService
    let http: HTTPClient
    let client: UpscaleClient
    let endpoint: Endpoint

    static func start(
        dialect: Dialect = .official,
        key: String = "test-key",
        configure: (inout FakeServiceConfiguration) -> Void = { _ in },
        timeouts: UpscaleTimeouts = .init(connect: .seconds(2), overall: .seconds(10))
    ) async throws -> FakeServiceFixture {
        var configuration = FakeServiceConfiguration()
        configure(&configuration)
        let service = FakeIdeogramService(configuration: configuration)
        _ = try await service.start()
        let endpoint = try Endpoint(baseURL: service.baseURL, dialect: dialect)
        let http = HTTPClient.forIdeogram(timeouts: timeouts)
        let client = UpscaleClient(endpoint: endpoint, key: try APIKey(key), http: http, timeouts: timeouts)
        return FakeServiceFixture(service: service, http: http, client: client, endpoint: endpoint)
    }

    func stop() async {
        try? await http.shutdown()
        await service.stop()
    }

    /// Runs `body` with a started fixture and always stops it.
    static func with(
        dialect: Dialect = .official,
        key: String = "test-key",
        configure: (inout FakeServiceConfiguration) -> Void = { _ in },
        timeouts: UpscaleTimeouts = .init(connect: .seconds(2), overall: .seconds(10)),
        _ body: (FakeServiceFixture) async throws -> Void
    ) async throws {
        let fixture = try await start(dialect: dialect, key: key, configure: configure, timeouts: timeouts)
        do {
            try await body(fixture)
        } catch {
            await fixture.stop()
            throw error
        }
        await fixture.stop()
    }

    static func sampleImage(width: Int = 64, height: Int = 48, name: String = "sample.png") throws -> SourceImage {
        let bytes = try SamplePictures.png(width: width, height: height, seed: 7)
        return try SourceImage(path: "/samples/" + name, bytes: ByteBuffer(bytes: bytes))
    }
}

/// Runs an upscale call and returns its typed error, or nil when it succeeded.
func upscaleError(_ call: () async throws -> UpscaleResult) async -> UpscaleError? {
    do {
        _ = try await call()
        return nil
    } catch let error as UpscaleError {
        return error
    } catch {
        Issue.record("not an UpscaleError: \(error)")
        return nil
    }
}
