import ImagePreview

/// Previews the bytes as a file's content: the format from the header, then libpng, libjpeg or
/// libwebp through their shims, the reduction, the checker and chafa's cells. The pixel limit
/// is 4 megapixels, not the 64 of the default options: pictures up to the limit are decoded
/// on purpose, and 64 megapixels take seconds each under ASan, which would leave the fuzzer
/// little time for anything else (every path is the same below the limit).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPreviewDecoders(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    _ = try? Previewer.preview(data: bytes, columns: 12, rows: 6, options: PreviewOptions(maxPixels: 2048 * 2048))
    return 0
}
