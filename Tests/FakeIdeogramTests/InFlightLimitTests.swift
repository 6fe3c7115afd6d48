import FakeIdeogram
import Testing

@Suite("In-flight limit")
struct InFlightLimitTests {
    @Test func requestExceedingTheImagesInFlightIs429() async throws {
        try await withFakeService(.init(latency: .seconds(8), maxImagesInFlight: 3)) { service async throws in
            async let slow = HTTP.upscale(service, .upscale(imageRequest: #"{"num_images":2}"#))
            try await waitUntil { service.imagesInFlight == 2 }

            let rejected = try await HTTP.upscale(service, .upscale(imageRequest: #"{"num_images":2}"#))
            #expect(rejected.status == 429)
            #expect(rejected.json["reject_reason"] as? String == "inflight_limit")
            #expect(!rejected.errorMessage.isEmpty)

            #expect(try await slow.status == 200)
            #expect(service.imagesInFlight == 0)
            #expect(service.receivedRequests().map(\.status).sorted() == [200, 429])
        }
    }

    @Test func requestWithinTheLimitIsServedConcurrently() async throws {
        try await withFakeService(.init(latency: .seconds(1), maxImagesInFlight: 3)) { service async throws in
            async let first = HTTP.upscale(service, .upscale(imageRequest: #"{"num_images":2}"#))
            try await waitUntil { service.imagesInFlight == 2 }
            let second = try await HTTP.upscale(service, .upscale(imageRequest: #"{"num_images":1}"#))
            #expect(second.status == 200)
            #expect(try await first.status == 200)
        }
    }
}

/// Polls `condition` every 10 ms for up to 30 s (a loaded machine can be slow).
func waitUntil(_ condition: () -> Bool) async throws {
    for _ in 0..<3000 {
        if condition() { return }
        try await Task.sleep(for: .milliseconds(10))
    }
    Issue.record("condition not met within 30 s")
}
