import FakeIdeogram
import NIOCore
import Testing

@Suite("Uploads held for results")
struct HeldSourceTests {
    private func upload(_ seed: UInt64) -> UpscaleUpload {
        UpscaleUpload(image: ByteBuffer(bytes: TestImages.png(width: 64, height: 64, seed: seed)), filename: "a.png",
                      contentType: "image/png", imageRequestJSON: "{}")
    }

    private func url(of outcome: UpscaleOutcome) throws -> URLParts {
        guard case .answered(let body, .whole) = outcome, let url = body.data.first?.url else {
            throw TestFailure("not a whole answer with a URL: \(outcome)")
        }
        return try URLParts(url)
    }

    @Test func theOldestUploadIsLetGoPastTheBoundAndItsURLSaysSo() async throws {
        let size = TestImages.png(width: 64, height: 64, seed: 1).count
        let backend = FakeBackend(configuration: .init(maxHeldSourceBytes: size + size / 2), resultBaseURL: "http://fake.test")
        let first = try url(of: await backend.upscale(upload(1), credential: "test-key", dialect: .official))
        let second = try url(of: await backend.upscale(upload(2), credential: "test-key", dialect: .official))
        #expect(backend.heldSourceBytes <= size + size / 2)

        #expect(try backend.resultPNG(file: second.file, expiry: second.expiry, signature: second.signature).readableBytes > 0)
        do {
            _ = try backend.resultPNG(file: first.file, expiry: first.expiry, signature: first.signature)
            Issue.record("the URL of the upload let go still served a picture")
        } catch {
            #expect(error.status == 410 && error.message.contains("let this one go"), "\(error)")
        }
    }

    @Test func uploadsAreLetGoWhenTheirURLsExpire() async throws {
        let backend = FakeBackend(configuration: .init(urlLifetime: .milliseconds(200)), resultBaseURL: "http://fake.test")
        _ = await backend.upscale(upload(1), credential: "test-key", dialect: .official)
        #expect(backend.heldSourceBytes > 0)
        try await Task.sleep(for: .milliseconds(400))
        _ = await backend.upscale(upload(2), credential: "test-key", dialect: .official)
        #expect(backend.heldSourceBytes == TestImages.png(width: 64, height: 64, seed: 2).count, "only the fresh upload is held")
    }
}

/// The pieces of a result URL the backend checks.
struct URLParts {
    var file: String
    var expiry: String
    var signature: String

    init(_ url: String) throws {
        guard let file = url.split(separator: "/").last?.split(separator: "?").first,
              let expiry = url.firstMatch(of: /exp=(\d+)/)?.1, let signature = url.firstMatch(of: /sig=([0-9a-f]+)/)?.1
        else { throw TestFailure("not a result URL: \(url)") }
        self.file = String(file)
        self.expiry = String(expiry)
        self.signature = String(signature)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
