import IdeogramKit

/// Sniffs the bytes as a file's header, then follows the structure to its end as
/// `SourceImage.inspect` does before an upload.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImageHeaders(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    guard let header = try? ImageSniffer.sniff(bytes) else { return 0 }
    _ = try? ImageCompleteness.check(header.format, size: bytes.count) { offset, count in
        guard offset >= 0, offset < bytes.count, count > 0 else { return [] }
        return Array(bytes[offset..<min(bytes.count, offset + count)])
    }
    return 0
}
