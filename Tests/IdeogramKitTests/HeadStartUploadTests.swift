import AsyncHTTPClient
import FakeIdeogram
import Foundation
import Synchronization
import Testing
@testable import IdeogramKit

/// A head start sends the connection and the request head at once and the body, what the
/// service bills for, only after `send`.
@Suite struct HeadStartUploadTests {
    static let answer = #"{"created":"2026-12-01T00:00:00.000Z","data":[{"seed":5,"prompt":"p","resolution":"128x96","url":"http://x/y.png","is_image_safe":true}]}"#

    /// Runs `body` with a listener and a client pointed at it; shuts the client down after.
    static func withListener(_ body: (LoopbackListener, UpscaleClient) async throws -> Void) async throws {
        let listener = try LoopbackListener()
        let endpoint = try Endpoint(baseURL: listener.baseURL, dialect: .official)
        let timeouts = UpscaleTimeouts(connect: .seconds(2), overall: .seconds(10))
        let http = HTTPClient.forIdeogram(timeouts: timeouts)
        let client = UpscaleClient(endpoint: endpoint, key: try APIKey("test-key"), http: http, timeouts: timeouts)
        do { try await body(listener, client) } catch {
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }

    /// A complete request head and not a byte more.
    static func isOnlyAHead(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.hasSuffix("\r\n\r\n") && text.components(separatedBy: "\r\n\r\n").count == 2
    }

    static func contentLength(of head: [UInt8]) -> Int? {
        let text = String(decoding: head, as: UTF8.self).lowercased()
        guard let line = text.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }) else { return nil }
        return Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
    }

    @Test func theHeadGoesAtOnceAndTheBodyOnlyAfterSend() async throws {
        try await Self.withListener { listener, client in
        let image = try FakeServiceFixture.sampleImage(width: 600, height: 400)
        let upload = client.beginUpload(image: image, request: UpscaleRequest(prompt: "harbour"))

        let (head, early) = await LoopbackListener.onThread { () -> ([UInt8], [UInt8]?) in
            guard listener.accept(within: 5) else { return ([], nil) }
            let head = listener.read(until: "\r\n\r\n", within: 5)
            // Nothing more may come while the upload waits for `send`.
            return (head, listener.readSome(within: 0.3))
        }
        #expect(String(decoding: head, as: UTF8.self).hasPrefix("POST /upscale HTTP/1.1\r\n"))
        #expect(Self.isOnlyAHead(head), "the whole head, and nothing after it")
        #expect(early == nil, "no body byte before send")
        let length = try #require(Self.contentLength(of: head))

        async let result = upload.send(progress: nil)
        let body = await LoopbackListener.onThread { () -> [UInt8] in
            let body = listener.read(count: length, within: 5)
            listener.send("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(Self.answer.utf8.count)\r\n\r\n\(Self.answer)")
            return body
        }
        #expect(body.count == length, "the whole body once sent")
        #expect(String(decoding: body, as: UTF8.self).contains("name=\"image_file\"; filename=\"sample.png\""))
        let answer = try #require(try await result)
        #expect(answer.images.first?.seed == 5)
        #expect(try await upload.send(progress: nil) == nil, "a head start is sent once")
        }
    }

    @Test func anAbandonedHeadStartClosesWithoutItsBody() async throws {
        try await Self.withListener { listener, client in
        let upload = client.beginUpload(image: try FakeServiceFixture.sampleImage(width: 600, height: 400), request: UpscaleRequest())
        let head = await LoopbackListener.onThread { () -> [UInt8] in
            guard listener.accept(within: 5) else { return [] }
            return listener.read(until: "\r\n\r\n", within: 5)
        }
        #expect(Self.isOnlyAHead(head))
        upload.abandon()
        let after = await LoopbackListener.onThread { listener.readSome(within: 30) }
        #expect(after?.count == 0, "the connection closed with no body byte")
        #expect(try await upload.send(progress: nil) == nil, "an abandoned head start is not sent")
        }
    }

    @Test func anAnswerThatCameBeforeSendIsTheOutcome() async throws {
        try await FakeServiceFixture.with(key: "another-key") { fx in
            let upload = fx.client.beginUpload(image: try FakeServiceFixture.sampleImage(), request: UpscaleRequest())
            let error = await upscaleError { try #require(try await upload.send(progress: nil)) }
            guard case .unauthorized? = error else {
                Issue.record("expected the refused key, got \(String(describing: error))")
                return
            }
            #expect(fx.service.receivedRequests().count == 1, "one request, not one more after the refusal")
        }
    }

    @Test func itReportsProgressToWhoeverSends() async throws {
        try await FakeServiceFixture.with { fx in
            let upload = fx.client.beginUpload(image: try FakeServiceFixture.sampleImage(width: 600, height: 400), request: UpscaleRequest())
            let seen = Mutex<[UploadProgress]>([])
            let result = try await upload.send { step in seen.withLock { $0.append(step) } }
            #expect(result?.images.count == 1)
            let steps = seen.withLock { $0 }
            #expect(steps.last == .waitingForAnswer)
            #expect(steps.contains { if case .uploading = $0 { true } else { false } })
            #expect(fx.service.receivedRequests().count == 1)
        }
    }

    @Test func matchesOnlyTheSameFileRequestAndEndpoint() async throws {
        try await FakeServiceFixture.with { fx in
            let image = try FakeServiceFixture.sampleImage()
            let upload = fx.client.beginUpload(image: image, request: UpscaleRequest(prompt: "a"))
            defer { upload.abandon() }
            #expect(upload.matches(image: image, request: UpscaleRequest(prompt: "a"), endpoint: fx.endpoint))
            #expect(!upload.matches(image: image, request: UpscaleRequest(prompt: "b"), endpoint: fx.endpoint))
            #expect(!upload.matches(image: try FakeServiceFixture.sampleImage(name: "other.png"), request: UpscaleRequest(prompt: "a"), endpoint: fx.endpoint))
            let aggregator = try Endpoint(baseURL: fx.endpoint.baseURL, dialect: .aggregator)
            #expect(!upload.matches(image: image, request: UpscaleRequest(prompt: "a"), endpoint: aggregator))
        }
    }
}
