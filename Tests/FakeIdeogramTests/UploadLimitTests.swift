import FakeIdeogram
import Testing

@Suite("Upload size limit")
struct UploadLimitTests {
    @Test func imageAboveTheLimitIs413NamingTheLimit() async throws {
        try await withFakeService(.init(maxUploadBytes: 1000)) { service async throws in
            let answer = try await HTTP.upscale(service, .upscale(image: TestImages.png(width: 64, height: 64)))
            #expect(answer.status == 413)
            #expect(answer.errorMessage.contains("1000 bytes"), "\(answer.errorMessage)")
            #expect(service.receivedRequests().map(\.status) == [413])
        }
    }

    @Test func imageAtTheLimitIsAccepted() async throws {
        let image = TestImages.png(width: 64, height: 64)
        try await withFakeService(.init(maxUploadBytes: image.count)) { service async throws in
            #expect(try await HTTP.upscale(service, .upscale(image: image)).status == 200)
        }
    }

    @Test func declaredContentLengthAboveTheLimitIsRefusedEarly() async throws {
        try await withFakeService(.init(maxUploadBytes: 1000)) { service async throws in
            let form = MultipartBody.upscale(image: TestImages.png(width: 8, height: 8) + [UInt8](repeating: 0, count: 100_000))
            let answer = try await HTTP.upscale(service, form)
            #expect(answer.status == 413)
            #expect(answer.errorMessage.contains("1000 bytes"))
        }
    }

    @Test func chunkedBodyAboveTheLimitIs413() async throws {
        try await withFakeService(.init(maxUploadBytes: 1000)) { service async throws in
            // A small image but a huge image_request: the body limit, not the image limit, trips.
            let prompt = String(repeating: "very ", count: 20_000)
            let form = MultipartBody.upscale(image: TestImages.png(width: 4, height: 4), imageRequest: #"{"prompt":"\#(prompt)"}"#)
            let answer = try await HTTP.send(
                service.baseURL + "/upscale", headers: [("Content-Type", form.contentType), ("Api-Key", "test-key")],
                streamedBody: form.bytes)
            #expect(answer.status == 413)
            #expect(answer.errorMessage.contains("request body"), "\(answer.errorMessage)")
        }
    }

    @Test func chunkedBodyWithinTheLimitIsAccepted() async throws {
        try await withFakeService { service async throws in
            let form = MultipartBody.upscale()
            let answer = try await HTTP.send(
                service.baseURL + "/upscale", headers: [("Content-Type", form.contentType), ("Api-Key", "test-key")],
                streamedBody: form.bytes)
            #expect(answer.status == 200)
        }
    }
}
