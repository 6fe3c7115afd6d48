import FakeIdeogram
import Foundation
import Testing

@Suite("Result image URLs")
struct ResultImageTests {
    private func firstURL(_ service: FakeIdeogramService, imageRequest: String = #"{"seed":9}"#) async throws -> String {
        let answer = try await HTTP.upscale(service, .upscale(image: TestImages.png(width: 40, height: 30), imageRequest: imageRequest))
        return try #require(answer.entries.first?["url"] as? String)
    }

    @Test func urlServesAPNGOfTheStatedResolution() async throws {
        try await withFakeService { service async throws in
            let url = try await firstURL(service)
            let image = try await HTTP.get(url)
            #expect(image.status == 200)
            #expect(image.header("Content-Type") == "image/png")
            let size = try #require(PNGInfo.size(of: image.body))
            #expect(size.width == 80 && size.height == 60)
            // Served again from the cache, identical.
            #expect(try await HTTP.get(url).body == image.body)
        }
    }

    @Test func tamperedSignatureExpiryOrIdIs404() async throws {
        try await withFakeService { service async throws in
            let url = try await firstURL(service)
            let badSignature = url.replacing(/sig=[0-9a-f]/, with: { _ in "sig=x" })
            #expect(try await HTTP.get(badSignature).status == 404)
            let laterExpiry = url.replacing(/exp=(\d+)/, with: { "exp=\(Int($0.1)! + 100)" })
            #expect(try await HTTP.get(laterExpiry).status == 404)
            let unknownID = url.replacing(/images\/[A-Za-z0-9]+/, with: { _ in "images/nosuchimage" })
            #expect(try await HTTP.get(unknownID).status == 404)
            #expect(try await HTTP.get(url.replacing(/\?.*/, with: { _ in "" })).status == 404)
        }
    }

    @Test(arguments: [410, 404])
    func urlExpiresAfterItsLifetime(expiredStatus: Int) async throws {
        try await withFakeService(.init(urlLifetime: .seconds(2), expiredStatus: expiredStatus)) { service async throws in
            let clock = ContinuousClock()
            let issued = clock.now
            let url = try await firstURL(service)
            let answered = clock.now  // the URL was issued between `issued` and now
            let fresh = try await HTTP.get(url)
            let age = clock.now - issued
            // Only a download surely inside the lifetime must succeed (the machine may be busy).
            #expect(fresh.status == 200 || age >= .seconds(2), "status \(fresh.status) after \(age)")
            try await Task.sleep(until: answered + .milliseconds(2200))
            let expired = try await HTTP.get(url)
            #expect(expired.status == expiredStatus)
            #expect(expired.errorMessage.contains("expired"))
        }
    }
}
