import IdeogramKit

/// The first two bytes pick the status (100...599), the bytes up to the first newline after
/// them are the Retry-After header, the rest is the body.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzErrorAnswer(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    guard bytes.count >= 2 else { return 0 }
    let status = 100 + (Int(bytes[0]) << 8 | Int(bytes[1])) % 500
    let rest = bytes.dropFirst(2)
    let newline = rest.firstIndex(of: 0x0A) ?? rest.endIndex
    let header = String(decoding: rest[..<newline], as: UTF8.self)
    let body = Array(rest[newline...].dropFirst())
    _ = String(describing: ErrorAnswer.error(status: status, retryAfterHeader: header, body: body))
    return 0
}
