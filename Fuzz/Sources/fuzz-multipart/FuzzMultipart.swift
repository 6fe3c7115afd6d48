import Dispatch
import FakeIdeogram

/// The first byte picks the form (even: legacy, odd: v2) and the size of the chunks the body
/// arrives in (1 to 128 bytes, so boundaries fall across chunks); the bytes up to the first
/// newline are the Content-Type, the rest is the body.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMultipart(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    guard let first = bytes.first else { return 0 }
    let rest = bytes.dropFirst()
    let newline = rest.firstIndex(of: 0x0A) ?? rest.endIndex
    let contentType = String(decoding: rest[..<newline], as: UTF8.self)
    let body = Array(rest[newline...].dropFirst())
    let chunkSize = 1 + Int(first >> 1)
    let chunks = stride(from: 0, to: body.count, by: chunkSize).map { Array(body[$0..<min(body.count, $0 + chunkSize)]) }
    let form: UploadFormCheck.Form = first & 1 == 0 ? .legacy : .v2
    let done = DispatchSemaphore(value: 0)
    Task {
        _ = try? await UploadFormCheck.rejection(of: form, contentType: contentType, chunks: chunks, maxImageBytes: 4096)
        done.signal()
    }
    done.wait()
    return 0
}
