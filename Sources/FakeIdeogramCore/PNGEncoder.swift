import CPNG

/// Encodes 8-bit RGB pixels as PNG with libpng's simplified write API.
enum PNGEncoder {
    struct EncodingError: Error, CustomStringConvertible {
        var description: String
    }

    /// `pixels` holds `width * height` RGB triples, row by row.
    static func encodeRGB(_ pixels: [UInt8], width: Int, height: Int) throws(EncodingError) -> [UInt8] {
        guard width > 0, height > 0, pixels.count == width * height * 3 else {
            throw EncodingError(description: "PNG encoding needs \(width)x\(height)x3 bytes of pixels, got \(pixels.count)")
        }
        // One guess big enough for the fast (lightly compressed) stream avoids a second pass;
        // libpng reports the real size when the guess was short.
        var capacity = pixels.count + pixels.count / 32 + height + 4096
        for _ in 0..<2 {
            var image = png_image()
            image.version = png_uint_32(PNG_IMAGE_VERSION)
            image.width = png_uint_32(width)
            image.height = png_uint_32(height)
            image.format = png_uint_32(PNG_FORMAT_FLAG_COLOR)
            image.flags = png_uint_32(PNG_IMAGE_FLAG_FAST)  // speed over size: results are generated on demand
            var size = png_alloc_size_t(capacity)
            var succeeded = false
            let encoded = [UInt8](unsafeUninitializedCapacity: capacity) { output, initializedCount in
                succeeded = pixels.withUnsafeBytes { input in
                    png_image_write_to_memory(&image, output.baseAddress, &size, 0, input.baseAddress, 0, nil) != 0
                }
                initializedCount = succeeded ? Int(size) : 0
            }
            let message = libpngMessage(&image)
            png_image_free(&image)
            if succeeded { return encoded }
            guard Int(size) > capacity else { throw EncodingError(description: "libpng could not encode the image: \(message)") }
            capacity = Int(size)
        }
        throw EncodingError(description: "libpng kept asking for a larger output buffer")
    }

    private static func libpngMessage(_ image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
