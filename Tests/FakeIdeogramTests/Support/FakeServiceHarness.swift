import AsyncHTTPClient
import FakeIdeogram
import Foundation

/// Runs `body` against a freshly started service on an ephemeral port, then stops it.
@discardableResult
func withFakeService<Result>(
    _ configuration: FakeServiceConfiguration = .init(),
    _ body: (FakeIdeogramService) async throws -> Result
) async throws -> Result {
    let service = FakeIdeogramService(configuration: configuration)
    _ = try await service.start()
    do {
        let result = try await body(service)
        await service.stop()
        return result
    } catch {
        await service.stop()
        throw error
    }
}

/// A whole HTTP answer, read into memory.
struct HTTPAnswer: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// The body as a JSON object (empty when it is not one).
    var json: [String: Any] {
        ((try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]) ?? [:]
    }

    var errorMessage: String { json["error"] as? String ?? "" }
}

enum HTTP {
    static func send(
        _ url: String,
        method: String = "POST",
        headers: [(String, String)] = [],
        body: [UInt8]? = nil,
        streamedBody: [UInt8]? = nil,
        timeout: Duration = .seconds(15)
    ) async throws -> HTTPAnswer {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(body) }
        if let streamedBody { request.body = .stream(ByteSequence(bytes: streamedBody), length: .unknown) }
        let response = try await HTTPClient.shared.execute(request, timeout: .init(timeout))
        var bytes: [UInt8] = []
        for try await chunk in response.body { bytes += chunk.readableBytesView }
        return HTTPAnswer(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: bytes)
    }

    static func get(_ url: String, timeout: Duration = .seconds(15)) async throws -> HTTPAnswer {
        try await send(url, method: "GET", timeout: timeout)
    }

    /// POSTs a multipart upscale with the given credential headers.
    static func upscale(
        _ service: FakeIdeogramService,
        _ form: MultipartBody = .upscale(),
        dialect: Dialect = .aggregator,
        key: String? = "test-key",
        extraHeaders: [(String, String)] = []
    ) async throws -> HTTPAnswer {
        var headers = [("Content-Type", form.contentType)] + extraHeaders
        if let key { headers.append(dialect.credentialHeader(key)) }
        return try await send(service.baseURL + dialect.path, headers: headers, body: form.bytes)
    }

    enum Dialect: String, CaseIterable, Sendable {
        case aggregator, official

        var path: String { self == .aggregator ? "/ideogram/upscale" : "/upscale" }

        func credentialHeader(_ key: String) -> (String, String) {
            self == .aggregator ? ("Authorization", "Bearer \(key)") : ("Api-Key", key)
        }
    }
}

/// Bytes as an AsyncSequence, for chunked (unknown length) uploads.
struct ByteSequence: AsyncSequence, Sendable {
    typealias Element = UInt8
    let bytes: [UInt8]

    struct AsyncIterator: AsyncIteratorProtocol {
        var iterator: IndexingIterator<[UInt8]>
        mutating func next() async -> UInt8? { iterator.next() }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(iterator: bytes.makeIterator()) }
}

extension HTTPAnswer {
    /// The `data` entries of a 200 upscale answer.
    var entries: [[String: Any]] { json["data"] as? [[String: Any]] ?? [] }
}
