import IdeogramKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// The `multipart/form-data` body of an upscale call: its text parts, then the image (the
/// legacy call: `image_request` then `image_file`; a v2 call: one part per field, then `image`).
///
/// Written by hand rather than with a serializer so the image bytes are never copied: the body
/// is a head, the image (slices of its buffer, or its file read slice by slice as it is sent),
/// and a tail, which keeps an upload's memory at most the file's size and lets the upload
/// report progress per slice.
public struct MultipartBody: Sendable {
    /// Slices small enough for smooth progress, large enough to cost nothing.
    public static let sliceSize = 256 * 1024

    public let boundary: String
    public let head: ByteBuffer
    /// The image in memory; nil when it is read from `filePath` as the body is sent.
    public let file: ByteBuffer?
    public let filePath: String
    public let fileLength: Int
    public let tail: ByteBuffer

    public var contentType: String { "multipart/form-data; boundary=\(boundary)" }
    public var length: Int { head.readableBytes + fileLength + tail.readableBytes }

    /// What the body is made of, in order.
    enum Piece: Sendable {
        case buffer(ByteBuffer)
        /// The first `length` bytes of the file at `path`, read as they are sent.
        case file(path: String, length: Int)
    }

    /// The legacy call's body: the request as a JSON string, then the image as `image_file`.
    public init(image: SourceImage, requestJSON: String, boundary: String? = nil) {
        self.init(image: image, imagePart: "image_file", fields: [("image_request", requestJSON)], boundary: boundary)
    }

    /// `fields` as text parts in order, then the image under the part name `imagePart`.
    public init(image: SourceImage, imagePart: String, fields: [(name: String, value: String)], boundary: String? = nil) {
        var chosen = boundary ?? MultipartBody.randomBoundary()
        // A boundary that occurs in the data would cut the part short. With 32 random hex digits
        // this never happens by chance; an image in memory costs one scan to be sure, one read
        // as it is sent relies on the chance alone (one in 2^128 per position).
        while image.bytes.map({ MultipartBody.contains($0, chosen) }) == true || fields.contains(where: { $0.value.contains(chosen) }) {
            chosen = MultipartBody.randomBoundary()
        }
        self.boundary = chosen
        let fileName = MultipartBody.quotedSafe(image.fileName)
        var head = ByteBuffer()
        for field in fields {
            head.writeString("--\(chosen)\r\n")
            head.writeString("Content-Disposition: form-data; name=\"\(MultipartBody.quotedSafe(field.name))\"\r\n\r\n")
            head.writeString(field.value)
            head.writeString("\r\n")
        }
        head.writeString("--\(chosen)\r\n")
        head.writeString("Content-Disposition: form-data; name=\"\(imagePart)\"; filename=\"\(fileName)\"\r\n")
        head.writeString("Content-Type: \(image.format.mimeType)\r\n\r\n")
        self.head = head
        self.file = image.bytes
        filePath = image.path
        fileLength = image.byteCount
        self.tail = ByteBuffer(string: "\r\n--\(chosen)--\r\n")
    }

    /// The body as the client sends it: buffers (see `chunks`), or for an image read as it is
    /// sent, the head, the file, and the tail.
    func pieces() -> [Piece] {
        guard file != nil else { return [.buffer(head), .file(path: filePath, length: fileLength), .buffer(tail)] }
        return chunks().map(Piece.buffer)
    }

    /// The body as a list of buffers, the file cut into slices that share its storage. A body
    /// that fits one slice goes as one buffer (one small copy): each buffer costs the HTTP
    /// client a round trip between threads, and the queue a progress event.
    /// For an image in memory only.
    public func chunks() -> [ByteBuffer] {
        precondition(file != nil, "chunks() needs the image in memory")
        if length <= Self.sliceSize { return [joined()] }
        var out = [head]
        var rest = file!
        while rest.readableBytes > 0 {
            // readSlice shares storage: no bytes are copied.
            out.append(rest.readSlice(length: min(Self.sliceSize, rest.readableBytes))!)
        }
        out.append(tail)
        return out
    }

    /// The whole body in one buffer, for small bodies and tests; for an image in memory only.
    public func joined() -> ByteBuffer {
        precondition(file != nil, "joined() needs the image in memory")
        var all = ByteBuffer()
        all.reserveCapacity(length)
        for part in [head, file!, tail] { all.writeImmutableBuffer(part) }
        return all
    }

    static func randomBoundary() -> String {
        // Two draws of 64 bits (one system call each), not one per digit.
        var generator = SystemRandomNumberGenerator()
        let digits = [generator.next(), generator.next()].map { (value: UInt64) -> String in
            let hex = String(value, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
        return "ideogram-tui-" + digits
    }

    /// A file name as a quoted-string parameter: quotes, backslashes and control characters
    /// would break the header, so they become underscores; UTF-8 passes as RFC 7578 allows.
    static func quotedSafe(_ name: String) -> String {
        let mapped = name.unicodeScalars.map { scalar -> String in
            switch scalar.value {
            case 0x00...0x1F, 0x7F, 0x22, 0x5C: "_"
            default: String(scalar)
            }
        }.joined()
        return mapped.isEmpty ? "image" : mapped
    }

    static func contains(_ buffer: ByteBuffer, _ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return false }
        return buffer.withUnsafeReadableBytes { haystack in
            guard let base = haystack.baseAddress, haystack.count >= pattern.count else { return false }
            var offset = 0
            let last = haystack.count - pattern.count
            // memchr finds candidates at memory speed; memcmp confirms them.
            while offset <= last, let hit = memchr(base + offset, Int32(first), last - offset + 1) {
                let position = base.distance(to: UnsafeRawPointer(hit))
                if pattern.withUnsafeBytes({ memcmp(base + position, $0.baseAddress!, pattern.count) }) == 0 { return true }
                offset = position + 1
            }
            return false
        }
    }
}
