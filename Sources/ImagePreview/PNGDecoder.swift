import CPNGReader

/// PNG through libpng's row reader (behind the CPNGReader shim): every bit depth, palette,
/// grey, interlacing and tRNS transparency come out as 8-bit RGB, or RGBA when the image has
/// any transparency. PNG cannot be decoded small, so rows are box-averaged on the fly by the
/// largest whole factor that keeps the size chafa samples at: a 2048×2048 picture for an
/// 80-column preview never exists in memory at full size. The cancel flag is checked between
/// rows.
enum PNGDecoder {
    static func decode(_ data: UnsafeRawBufferPointer, cancellation: PreviewCancellation?,
                       plan: (ImageHeader) throws(PreviewError) -> DecodeTarget) throws(PreviewError) -> DecodedImage {
        guard let base = data.baseAddress?.assumingMemoryBound(to: UInt8.self),
              let reader = cpng_reader_create(base, data.count, cancellation?.pointer) else {
            throw .corrupt(.png, "libpng could not start")
        }
        defer { cpng_reader_destroy(reader) }
        var info = cpng_header()
        guard cpng_reader_read_header(reader, &info) == 0 else { throw failure(reader) }
        var header = ImageHeader(format: .png, width: Int(info.width), height: Int(info.height), hasAlpha: info.has_alpha != 0)
        header.traits = traits(info)
        let target = try plan(header)

        let factor = target.reductionFactor(width: header.width, height: header.height)
        let width = header.width / factor, height = header.height / factor
        guard width > 0, height > 0 else { throw .empty(.png) }
        let channels = header.hasAlpha ? 4 : 3
        let stride = width * channels
        let byteCount = stride * height
        var status: Int32 = -1
        let pixels = [UInt8](unsafeUninitializedCapacity: byteCount) { buffer, initialized in
            status = cpng_reader_read(reader, Int32(channels), Int32(factor), buffer.baseAddress, stride)
            initialized = status == 0 ? byteCount : 0
        }
        guard status == 0 else { throw failure(reader) }
        return DecodedImage(header: header, width: width, height: height, channels: channels, pixels: pixels)
    }

    private static func failure(_ reader: OpaquePointer) -> PreviewError {
        if cpng_reader_was_cancelled(reader) != 0 { return .cancelled }
        if cpng_reader_was_truncated(reader) != 0 { return .truncated(.png) }
        let message = String(cString: cpng_reader_error(reader))
        // libpng's words when the image data stops short inside a complete file.
        if message.contains("Not enough image data") || message.contains("too short") { return .truncated(.png) }
        return .corrupt(.png, message)
    }

    private static func traits(_ info: cpng_header) -> [String] {
        var traits: [String] = []
        if info.bit_depth == 16 { traits.append("16-bit") } else if info.bit_depth < 8 { traits.append("\(info.bit_depth)-bit") }
        if info.color_type == 3 { traits.append("paletted") }
        if info.color_type == 0 || info.color_type == 4 { traits.append("grayscale") }
        if info.interlaced != 0 { traits.append("interlaced") }
        if info.has_alpha != 0 { traits.append("alpha") }
        return traits
    }
}
