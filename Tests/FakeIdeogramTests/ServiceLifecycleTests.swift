import FakeIdeogram
import Testing

@Suite("Starting and stopping")
struct ServiceLifecycleTests {
    @Test func startReturnsTheBoundPortAndStopReleasesIt() async throws {
        let service = FakeIdeogramService()
        let port = try await service.start()
        #expect(port > 0)
        #expect(service.baseURL == "http://127.0.0.1:\(port)")
        #expect(try await HTTP.get(service.baseURL + "/_fake/health").status == 200)
        await service.stop()
        // AsyncHTTPClient retries refused connections until the deadline: keep it short.
        await #expect(throws: (any Error).self) { _ = try await HTTP.get(service.baseURL + "/_fake/health", timeout: .milliseconds(300)) }
        await service.stop()  // a second stop is harmless
    }

    @Test func aServiceStartsOnce() async throws {
        try await withFakeService { service async throws in
            await #expect(throws: FakeServiceError.alreadyStarted) { _ = try await service.start() }
        }
    }

    @Test func aTakenPortFailsTheStart() async throws {
        try await withFakeService { first async throws in
            let second = FakeIdeogramService(configuration: .init(port: first.port))
            await #expect(throws: (any Error).self) { _ = try await second.start() }
            await second.stop()
        }
    }

    @Test func invalidConfigurationFailsTheStart() async throws {
        let service = FakeIdeogramService(configuration: .init(expiredStatus: 500))
        await #expect(throws: FakeServiceConfigurationError.self) { _ = try await service.start() }
    }

    @Test func stopWaitsForAnAnswerInProgress() async throws {
        let service = FakeIdeogramService(configuration: .init(latency: .milliseconds(300)))
        _ = try await service.start()
        async let answer = HTTP.upscale(service)
        try await waitUntil { service.imagesInFlight > 0 }
        await service.stop()
        #expect(try await answer.status == 200)
    }
}
