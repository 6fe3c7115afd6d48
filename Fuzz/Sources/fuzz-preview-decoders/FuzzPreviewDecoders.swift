import ImagePreview

/// Previews the bytes as a file's content: the format from the header, then libpng, libjpeg or
/// libwebp through their shims, the reduction, the checker and chafa's cells.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPreviewDecoders(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    _ = try? Previewer.preview(data: bytes, columns: 12, rows: 6)
    return 0
}
