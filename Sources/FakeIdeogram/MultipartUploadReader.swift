import FakeIdeogramCore
import Hummingbird
import MultipartKit
import NIOCore

/// Streams a request body through multipart-kit's `MultipartParser`, part by part, enforcing the
/// upload limit while the bytes arrive: the body is never buffered whole, and an oversized
/// upload is refused as soon as it crosses the limit. The parser scans byte by byte: about 50 ms
/// for a 10 MB upload in a release build, but some 10 s in a debug build.
struct MultipartUploadReader {
    /// Largest accepted image part.
    var maxImageBytes: Int
    /// Reads the body no faster than this, when set.
    var readBitsPerSecond: Int?
    /// The image part's name: image_file for the legacy call, image for v2.
    var imagePartName = "image_file"

    /// Room on top of the image for boundaries, part headers and image_request (prompts are
    /// short), so an image of exactly the limit is not refused because of the form around it.
    static let formOverheadAllowance = 64 << 10

    var maxBodyBytes: Int { maxImageBytes + Self.formOverheadAllowance }

    /// Refuses early, before reading anything, when Content-Length already says too much.
    func checkDeclaredLength(_ contentLength: String?) throws(RequestRejection) {
        guard let contentLength, let declared = Int(contentLength), declared > maxBodyBytes else { return }
        throw .tooLarge(limit: maxImageBytes, "the request body of \(declared) bytes")
    }

    /// The boundary of a multipart/form-data Content-Type, or a 400 naming what came instead.
    func boundary(fromContentType contentType: String?) throws(RequestRejection) -> String {
        let expectation = "the request body must be multipart/form-data with the part \(imagePartName) and the text parts"
        guard let contentType else { throw .badRequest("\(expectation) (no Content-Type was sent)") }
        let parsed = HeaderParameters(contentType)
        guard parsed.value == "multipart/form-data" else {
            throw .badRequest("\(expectation) (got Content-Type: \(contentType.prefix(100)))")
        }
        guard let boundary = parsed.parameters["boundary"], (1...70).contains(boundary.utf8.count) else {
            throw .badRequest("the multipart/form-data Content-Type needs a boundary parameter of 1 to 70 characters")
        }
        return boundary
    }

    /// Reads every part. Throws `RequestRejection` for 400/413; other errors are transport failures.
    func readParts(from body: RequestBody, boundary: String) async throws -> [FormPart] {
        let collector = PartCollector(maxImageBytes: maxImageBytes, imagePartName: imagePartName)
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { collector.header(name: $0, value: $1) }
        parser.onBody = { collector.append(&$0) }
        parser.onPartComplete = { collector.completePart() }
        var tail = TailWindow(size: 4096 + boundary.utf8.count)
        var screen = HeaderNameScreen(boundary: boundary)

        let pacer = readBitsPerSecond.map(BodyReadPacer.init(bitsPerSecond:))
        var received = 0
        for try await chunk in body {
            received += chunk.readableBytes
            guard received <= maxBodyBytes else {
                throw RequestRejection.tooLarge(limit: maxImageBytes, "the request body (at least \(received) bytes)")
            }
            tail.append(chunk)
            guard screen.accepts(chunk.readableBytesView) else {
                throw RequestRejection.badRequest("malformed multipart body: a part header name has a byte outside ASCII")
            }
            do {
                try parser.execute(chunk)
            } catch {
                throw RequestRejection.badRequest("malformed multipart body: a boundary line or part header is not valid (boundary \"\(boundary)\")")
            }
            if let size = collector.oversizedImageBytes {
                throw RequestRejection.tooLarge(limit: maxImageBytes, "\(imagePartName) (at least \(size) bytes)")
            }
            try await pacer?.pace(afterReading: received)
        }

        guard !collector.parts.isEmpty || collector.isInsidePart else {
            throw RequestRejection.badRequest("multipart body has no parts delimited by the boundary \"\(boundary)\"")
        }
        guard !collector.isInsidePart, tail.contains(Array("--\(boundary)--".utf8)) else {
            throw RequestRejection.badRequest("multipart body is truncated: the closing boundary --\(boundary)-- is missing")
        }
        return collector.parts
    }
}

/// Gathers the parser's callbacks into `FormPart`s, watching the image part's size as it grows.
private final class PartCollector {
    private let maxImageBytes: Int
    private let imagePartName: String
    private var headers: [(name: String, value: String)] = []
    private var body = ByteBuffer()
    private var isImagePart: Bool?
    private(set) var isInsidePart = false
    private(set) var parts: [FormPart] = []
    private(set) var oversizedImageBytes: Int?

    init(maxImageBytes: Int, imagePartName: String) {
        self.maxImageBytes = maxImageBytes
        self.imagePartName = imagePartName
    }

    func header(name: String, value: String) {
        isInsidePart = true
        headers.append((name, value))
    }

    func append(_ chunk: inout ByteBuffer) {
        isInsidePart = true
        body.writeBuffer(&chunk)
        if isImagePart == nil {
            isImagePart = FormPart(headers: headers, body: ByteBuffer()).name == imagePartName
        }
        if isImagePart == true, body.readableBytes > maxImageBytes {
            oversizedImageBytes = body.readableBytes
        }
    }

    func completePart() {
        parts.append(FormPart(headers: headers, body: body))
        headers = []
        body = ByteBuffer()
        isImagePart = nil
        isInsidePart = false
    }
}

/// The last bytes of the body, to check the closing delimiter the parser does not report.
private struct TailWindow {
    let size: Int
    private var bytes: [UInt8] = []

    init(size: Int) {
        self.size = size
        bytes.reserveCapacity(size * 2)
    }

    mutating func append(_ chunk: ByteBuffer) {
        let length = min(chunk.readableBytes, size)
        bytes += chunk.getBytes(at: chunk.readerIndex + chunk.readableBytes - length, length: length) ?? []
        if bytes.count > size { bytes.removeFirst(bytes.count - size) }
    }

    func contains(_ needle: [UInt8]) -> Bool {
        guard needle.count <= bytes.count else { return false }
        return (0...(bytes.count - needle.count)).contains { start in
            bytes[start..<start + needle.count].elementsEqual(needle)
        }
    }
}
