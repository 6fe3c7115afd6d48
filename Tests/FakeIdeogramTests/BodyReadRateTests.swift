import FakeIdeogram
import Foundation
import Testing

@Suite("Body read rate limit")
struct BodyReadRateTests {
    @Test func aMegabyteAtEightMegabitsTakesAtLeastASecond() async throws {
        // A real PNG header with padding behind it: the service judges the picture by its header.
        let image = TestImages.png(width: 16, height: 16) + [UInt8](repeating: 0, count: 1_000_000)
        try await withFakeService(.init(maxUploadBytes: 2_000_000, bodyReadBitsPerSecond: 8_000_000)) { service async throws in
            let clock = ContinuousClock()
            let started = clock.now
            let answer = try await HTTP.upscale(service, .upscale(image: image))
            let elapsed = clock.now - started
            #expect(answer.status == 200, "\(answer.text)")
            // Only the lower bound: a busy machine may take longer, never shorter.
            #expect(elapsed >= .milliseconds(900), "read in \(elapsed)")
        }
    }
}
