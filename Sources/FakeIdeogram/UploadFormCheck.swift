import FakeIdeogramCore
import Hummingbird
import NIOCore

/// The upload routes' reading of a multipart body without a server: the boundary from the
/// Content-Type, the parts as they stream in, then the legacy or the v2 form's checks. For the
/// fuzz target and its corpus replay, which must reach the same code the routes run.
public enum UploadFormCheck {
    public enum Form: Sendable {
        case legacy, v2
    }

    /// The 400/413 the route would answer, or nil when the form is accepted. Other errors are
    /// the body's own (a transport failure on a server).
    public static func rejection(of form: Form, contentType: String, chunks: [[UInt8]],
                                 maxImageBytes: Int) async throws -> RequestRejection? {
        let reader = MultipartUploadReader(maxImageBytes: maxImageBytes, readBitsPerSecond: nil,
                                           imagePartName: form == .legacy ? UpscaleForm.imagePartName : V2Form.imagePartName)
        let body = RequestBody(asyncSequence: ChunkSequence(chunks: chunks.map { ByteBuffer(bytes: $0) }))
        do {
            let boundary = try reader.boundary(fromContentType: contentType)
            let parts = try await reader.readParts(from: body, boundary: boundary)
            switch form {
            case .legacy: _ = try UpscaleForm(parts: parts)
            case .v2: _ = try V2Form.upload(from: parts)
            }
            return nil
        } catch let rejection as RequestRejection {
            return rejection
        }
    }
}

/// The chunks as an async sequence, as a request body arrives.
private struct ChunkSequence: AsyncSequence, Sendable {
    let chunks: [ByteBuffer]

    struct AsyncIterator: AsyncIteratorProtocol {
        var rest: ArraySlice<ByteBuffer>
        mutating func next() async -> ByteBuffer? { rest.popFirst() }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(rest: chunks[...]) }
}
