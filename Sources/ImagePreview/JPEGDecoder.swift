import CJPEG

/// JPEG through libjpeg-turbo (behind the CJPEG shim's setjmp error handling), decoded at the
/// smallest DCT scale (n/8) that still covers the size the preview needs: a 12-megapixel photo
/// for an 80-column preview is decoded at 1/8, never in full.
enum JPEGDecoder {
    /// libjpeg's own allocations (coefficient buffers of progressive files, mostly) stop here.
    static let memoryCap = 1024 * 1024 * 1024

    static func decode(_ data: UnsafeRawBufferPointer, cancellation: PreviewCancellation?,
                       plan: (ImageHeader) throws(PreviewError) -> DecodeTarget) throws(PreviewError) -> DecodedImage {
        guard let base = data.baseAddress?.assumingMemoryBound(to: UInt8.self),
              let decoder = cjpeg_decoder_create(base, data.count, cancellation?.pointer, memoryCap) else {
            throw .corrupt(.jpeg, "libjpeg could not start")
        }
        defer { cjpeg_decoder_destroy(decoder) }

        var info = cjpeg_header()
        guard cjpeg_decoder_read_header(decoder, &info) == 0 else { throw failure(decoder) }
        var header = ImageHeader(format: .jpeg, width: Int(info.width), height: Int(info.height), hasAlpha: false)
        if info.progressive != 0 { header.traits.append("progressive") }
        switch Int(info.color_space) {
        case Int(CJPEG_COLOR_GRAY): header.traits.append("grayscale")
        case Int(CJPEG_COLOR_CMYK): header.traits.append("CMYK")
        case Int(CJPEG_COLOR_YCCK): header.traits.append("YCCK")
        default: break
        }
        let wanted = try plan(header).minimum

        let scale = scaleNumerator(width: header.width, height: header.height, wanted: wanted)
        var width: Int32 = 0, height: Int32 = 0
        guard cjpeg_decoder_start(decoder, Int32(scale), &width, &height) == 0 else { throw failure(decoder) }
        guard width > 0, height > 0 else { throw .empty(.jpeg) }
        let stride = Int(width) * 3
        let byteCount = stride * Int(height)
        var status: Int32 = -1
        let pixels = [UInt8](unsafeUninitializedCapacity: byteCount) { buffer, initialized in
            status = cjpeg_decoder_read_rgb(decoder, buffer.baseAddress, stride)
            initialized = status == 0 ? byteCount : 0
        }
        guard status == 0 else { throw failure(decoder) }
        return DecodedImage(header: header, width: Int(width), height: Int(height), channels: 3, pixels: pixels)
    }

    /// The smallest n in 1...8 for which the image scaled by n/8 still covers `wanted`.
    static func scaleNumerator(width: Int, height: Int, wanted: PixelSize) -> Int {
        for n in 1...8 {
            let scaledWidth = (width * n + 7) / 8
            let scaledHeight = (height * n + 7) / 8
            if scaledWidth >= wanted.width && scaledHeight >= wanted.height { return n }
        }
        return 8
    }

    private static func failure(_ decoder: OpaquePointer) -> PreviewError {
        if cjpeg_decoder_was_cancelled(decoder) != 0 { return .cancelled }
        if cjpeg_decoder_was_truncated(decoder) != 0 { return .truncated(.jpeg) }
        let message = String(cString: cjpeg_decoder_error(decoder))
        // libjpeg says "Premature end of JPEG file" / "JPEG datastream contains no image" when
        // the data stops inside the headers.
        if message.contains("Premature end") || message.contains("contains no image") { return .truncated(.jpeg) }
        return .corrupt(.jpeg, message)
    }
}
