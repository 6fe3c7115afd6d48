import AsyncHTTPClient
import FakeIdeogram
import Foundation
@testable import IdeogramClient
@testable import IdeogramKit
import Synchronization
import Testing

/// The real client against the fake service on loopback, for every success and failure path.
@Suite struct UpscaleClientIntegrationTests {
    @Test(arguments: Dialect.allCases)
    func upscalesInBothDialects(dialect: Dialect) async throws {
        try await FakeServiceFixture.with(dialect: dialect) { fx in
            let request = UpscaleRequest(prompt: "a lighthouse", resemblance: 70, detail: 30, magicPromptOption: .off, numImages: 2, seed: 42)
            let result = try await fx.client.upscale(image: try FakeServiceFixture.sampleImage(width: 64, height: 48), request: request)
            #expect(result.images.count == 2)
            #expect(result.images[0].seed == 42)
            #expect(result.images[0].prompt == "a lighthouse")
            #expect(result.images[0].resolution == "128x96")
            #expect(result.images.allSatisfy { $0.isImageSafe && $0.url != nil })
            let received = fx.service.receivedRequests()
            #expect(received.count == 1)
            #expect(received[0].dialect == dialect.rawValue)
            #expect(received[0].imageRequestJSON == request.jsonString())
            #expect(received[0].filename == "sample.png")
            #expect(received[0].contentType == "image/png")
        }
    }

    @Test func magicPromptRewritesThePrompt() async throws {
        try await FakeServiceFixture.with { fx in
            let result = try await fx.client.upscale(image: try FakeServiceFixture.sampleImage(), request: UpscaleRequest(prompt: "a cat", magicPromptOption: .on))
            #expect(result.images[0].prompt.count > "a cat".count)
        }
    }

    @Test func reportsUploadProgressToTheEnd() async throws {
        try await FakeServiceFixture.with { fx in
            let seen = Mutex<[UploadProgress]>([])
            _ = try await fx.client.upscale(image: try FakeServiceFixture.sampleImage(width: 600, height: 400), request: UpscaleRequest()) { p in
                seen.withLock { $0.append(p) }
            }
            let events = seen.withLock { $0 }
            #expect(events.first == .connecting)
            #expect(events.last == .waitingForAnswer)
            guard case .uploading(let sent, let total)? = events.dropLast().last else {
                Issue.record("no upload progress: \(events)")
                return
            }
            #expect(sent == total)
        }
    }

    @Test func wrongKeyIsUnauthorisedAndNotEchoed() async throws {
        try await FakeServiceFixture.with(key: "wrong-key-0123456789") { fx in
            let error = await upscaleError { try await fx.client.upscale(image: try! FakeServiceFixture.sampleImage(), request: UpscaleRequest()) }
            guard case .unauthorized(let status, let message)? = error else {
                Issue.record("expected unauthorized, got \(String(describing: error))")
                return
            }
            #expect(status == 401 || status == 403)
            #expect(!message.contains("wrong-key-0123456789"))
            #expect(error?.category == .authorization)
        }
    }

    @Test func invalidRequestIsNeverSent() async throws {
        try await FakeServiceFixture.with { fx in
            let error = await upscaleError { try await fx.client.upscale(image: try! FakeServiceFixture.sampleImage(), request: UpscaleRequest(detail: 0)) }
            #expect(error == .invalidRequest(.outOfRange(field: "detail", value: "0", allowed: "1 to 100")))
            #expect(fx.service.receivedRequests().isEmpty)
        }
    }

    @Test(arguments: [
        (FakeFault.rateLimited(retryAfter: 3), UpscaleErrorCategory.rateLimited),
        (FakeFault.rateLimited(retryAfter: nil), UpscaleErrorCategory.rateLimited),
        (FakeFault.outOfCredit(reason: "insufficient_funds"), UpscaleErrorCategory.outOfCredit),
        (FakeFault.safetyRejected, UpscaleErrorCategory.safety),
        (FakeFault.serverError(status: 500), UpscaleErrorCategory.server),
        (FakeFault.serverError(status: 503), UpscaleErrorCategory.server),
        (FakeFault.badRequest(message: "nope"), UpscaleErrorCategory.badInput),
        (FakeFault.plainTextError(status: 502, text: "Bad gateway <html>"), UpscaleErrorCategory.server),
        (FakeFault.malformedBody, UpscaleErrorCategory.server),
        (FakeFault.closeMidAnswer, UpscaleErrorCategory.outcomeUnknown),
    ])
    func faultsMapToTypedErrors(fault: FakeFault, category: UpscaleErrorCategory) async throws {
        try await FakeServiceFixture.with { fx in
            fx.service.injectFaults([fault])
            let error = await upscaleError { try await fx.client.upscale(image: try! FakeServiceFixture.sampleImage(), request: UpscaleRequest()) }
            #expect(error?.category == category, "\(fault) gave \(String(describing: error))")
            switch fault {
            case .rateLimited(let after): #expect(error?.retryAfterSeconds == after)
            case .outOfCredit: #expect(error == .outOfCredit(reason: "insufficient_funds", message: (error.flatMap { if case .outOfCredit(_, let m) = $0 { m } else { nil } }) ?? ""))
            case .malformedBody, .closeMidAnswer: #expect(error?.mayHaveBeenBilled == true && error?.isRetryable == false)
            case .plainTextError: #expect(error == .serverError(status: 502, message: "Bad gateway <html>"))
            default: break
            }
        }
    }

    @Test func unsafeImagesComeBackWithoutURL() async throws {
        try await FakeServiceFixture.with { fx in
            fx.service.injectFaults([.unsafeImage])
            let result = try await fx.client.upscale(image: try FakeServiceFixture.sampleImage(), request: UpscaleRequest())
            #expect(result.images.allSatisfy { $0.isWithheld && !$0.isImageSafe })
        }
    }

    @Test func aSlowAnswerAfterTheUploadIsOutcomeUnknown() async throws {
        try await FakeServiceFixture.with(timeouts: .init(connect: .seconds(2), overall: .milliseconds(400))) { fx in
            fx.service.injectFaults([.delay(.seconds(3))])
            let error = await upscaleError { try await fx.client.upscale(image: try! FakeServiceFixture.sampleImage(), request: UpscaleRequest()) }
            #expect(error?.category == .outcomeUnknown, "\(String(describing: error))")
            #expect(error?.mayHaveBeenBilled == true)
        }
    }

    @Test func aServiceThatIsNotThereIsANetworkErrorBeforeSending() async throws {
        let http = HTTPClient.forIdeogram(timeouts: .init(connect: .seconds(1), overall: .seconds(3)))
        defer { Task { try? await http.shutdown() } }
        // Port 9 (discard) on loopback has no listener here: the connection is refused.
        let client = UpscaleClient(endpoint: try Endpoint(baseURL: "http://127.0.0.1:9", dialect: .official), key: try APIKey("k"), http: http)
        let error = await upscaleError { try await client.upscale(image: try! FakeServiceFixture.sampleImage(), request: UpscaleRequest()) }
        #expect(error?.category == .network, "\(String(describing: error))")
        #expect(error?.isRetryable == true && error?.mayHaveBeenBilled == false)
        // At once, in plain words: the queue retries with its own backoff, which it shows.
        guard case .network(let message)? = error else { return }
        #expect(message == "connection refused: nothing listens at http://127.0.0.1:9")
    }

    @Test func tooLargeForTheServiceIs413() async throws {
        try await FakeServiceFixture.with(configure: { $0.maxUploadBytes = 2000 }) { fx in
            let error = await upscaleError { try await fx.client.upscale(image: try! FakeServiceFixture.sampleImage(width: 300, height: 300), request: UpscaleRequest()) }
            guard case .tooLarge? = error else {
                Issue.record("expected 413, got \(String(describing: error))")
                return
            }
        }
    }
}
