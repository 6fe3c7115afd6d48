import CPNG

/// PNG through libpng's simplified API: every bit depth, palette, grey, interlacing and tRNS
/// transparency come out as 8-bit sRGB (RGBA when the image has any transparency).
enum PNGDecoder {
    static func decode(_ data: UnsafeRawBufferPointer, cancellation: PreviewCancellation?,
                       plan: (ImageHeader) throws(PreviewError) -> PixelSize) throws(PreviewError) -> DecodedImage {
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }
        guard png_image_begin_read_from_memory(&image, data.baseAddress, data.count) != 0 else {
            throw failure(&image, data: data)
        }
        let hasAlpha = image.format & png_uint_32(PNG_FORMAT_FLAG_ALPHA) != 0
        var header = ImageHeader(format: .png, width: Int(image.width), height: Int(image.height), hasAlpha: hasAlpha)
        header.traits = traits(data, format: image.format)
        _ = try plan(header)  // checks the pixel limit and cancellation; PNG has no reduced decode

        let channels = hasAlpha ? 4 : 3
        image.format = png_uint_32(PNG_FORMAT_FLAG_COLOR) | (hasAlpha ? png_uint_32(PNG_FORMAT_FLAG_ALPHA) : 0)
        let stride = header.width * channels
        let (byteCount, overflow) = stride.multipliedReportingOverflow(by: header.height)
        guard !overflow, header.width > 0, header.height > 0 else { throw .empty(.png) }
        var succeeded = false
        let pixels = [UInt8](unsafeUninitializedCapacity: byteCount) { buffer, initialized in
            succeeded = png_image_finish_read(&image, nil, buffer.baseAddress, png_int_32(stride), nil) != 0
            initialized = succeeded ? byteCount : 0
        }
        guard succeeded else { throw failure(&image, data: data) }
        return DecodedImage(header: header, width: header.width, height: header.height, channels: channels, pixels: pixels)
    }

    private static func failure(_ image: inout png_image, data: UnsafeRawBufferPointer) -> PreviewError {
        let message = withUnsafeBytes(of: &image.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        // libpng's words for running out of data: "Not enough image data", "Read Error",
        // "unexpected end of file" (the memory reader), "IDAT: ... too short".
        let lowered = message.lowercased()
        if lowered.contains("not enough") || lowered.contains("read error") || lowered.contains("end of")
            || lowered.contains("too short") || lowered.contains("truncated") {
            return .truncated(.png)
        }
        return .corrupt(.png, message)
    }

    /// Traits read straight from IHDR (the simplified API hides interlacing).
    private static func traits(_ data: UnsafeRawBufferPointer, format: png_uint_32) -> [String] {
        var traits: [String] = []
        guard data.count >= 29 else { return traits }
        let bitDepth = data[24], colorType = data[25], interlace = data[28]
        if bitDepth == 16 { traits.append("16-bit") } else if bitDepth < 8 { traits.append("\(bitDepth)-bit") }
        if colorType == 3 { traits.append("paletted") }
        if colorType == 0 || colorType == 4 { traits.append("grayscale") }
        if interlace == 1 { traits.append("interlaced") }
        if format & png_uint_32(PNG_FORMAT_FLAG_ALPHA) != 0 { traits.append("alpha") }
        return traits
    }
}
