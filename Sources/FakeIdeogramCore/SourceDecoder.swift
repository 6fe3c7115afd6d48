import CJPEG
import CPNGReader
import CWebP

/// An upload's pixels, 8-bit RGB, rows packed.
struct DecodedSource {
    var width: Int
    var height: Int
    var pixels: [UInt8]
}

/// Decodes an upload (PNG, JPEG or WEBP) at full size to RGB with the system libraries, through
/// the same C shims the previews use; transparency is dropped. The fake shares no decoding code
/// with the client it checks.
enum SourceDecoder {
    /// A source larger than this is not decoded (3 bytes a pixel: 150 MB), so a small file
    /// announcing a huge picture cannot make the service allocate gigabytes.
    static let maxPixels = 50_000_000

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func decodeRGB(_ data: UnsafeRawBufferPointer) throws(Failure) -> DecodedSource {
        guard let base = data.baseAddress?.assumingMemoryBound(to: UInt8.self), data.count >= 12 else {
            throw Failure(description: "the source is empty")
        }
        if data.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return try png(base, count: data.count) }
        if data.starts(with: [0xFF, 0xD8, 0xFF]) { return try jpeg(base, count: data.count) }
        if data.starts(with: Array("RIFF".utf8)), data[8..<12].elementsEqual(Array("WEBP".utf8)) {
            return try webp(base, count: data.count)
        }
        throw Failure(description: "the source is not PNG, JPEG or WEBP")
    }

    private static func checkSize(_ width: Int, _ height: Int) throws(Failure) {
        guard width > 0, height > 0 else { throw Failure(description: "the source has no pixels") }
        guard width * height <= maxPixels else {
            throw Failure(description: "the source's \(width)x\(height) pixels are over the \(maxPixels) the fake decodes")
        }
    }

    private static func png(_ base: UnsafePointer<UInt8>, count: Int) throws(Failure) -> DecodedSource {
        guard let reader = cpng_reader_create(base, count, nil) else { throw Failure(description: "libpng could not start") }
        defer { cpng_reader_destroy(reader) }
        var header = cpng_header()
        guard cpng_reader_read_header(reader, &header) == 0 else {
            throw Failure(description: "PNG: \(String(cString: cpng_reader_error(reader)))")
        }
        let width = Int(header.width), height = Int(header.height)
        try checkSize(width, height)
        var status: Int32 = -1
        let pixels = [UInt8](unsafeUninitializedCapacity: width * height * 3) { buffer, initialized in
            status = cpng_reader_read(reader, 3, 1, buffer.baseAddress, width * 3)
            initialized = status == 0 ? width * height * 3 : 0
        }
        guard status == 0 else { throw Failure(description: "PNG: \(String(cString: cpng_reader_error(reader)))") }
        return DecodedSource(width: width, height: height, pixels: pixels)
    }

    private static func jpeg(_ base: UnsafePointer<UInt8>, count: Int) throws(Failure) -> DecodedSource {
        guard let decoder = cjpeg_decoder_create(base, count, nil, 1 << 30) else {
            throw Failure(description: "libjpeg could not start")
        }
        defer { cjpeg_decoder_destroy(decoder) }
        var header = cjpeg_header()
        guard cjpeg_decoder_read_header(decoder, &header) == 0 else {
            throw Failure(description: "JPEG: \(String(cString: cjpeg_decoder_error(decoder)))")
        }
        try checkSize(Int(header.width), Int(header.height))
        var width: Int32 = 0, height: Int32 = 0
        guard cjpeg_decoder_start(decoder, 8, &width, &height) == 0 else {  // 8/8: full size
            throw Failure(description: "JPEG: \(String(cString: cjpeg_decoder_error(decoder)))")
        }
        let byteCount = Int(width) * Int(height) * 3
        var status: Int32 = -1
        let pixels = [UInt8](unsafeUninitializedCapacity: byteCount) { buffer, initialized in
            status = cjpeg_decoder_read_rgb(decoder, buffer.baseAddress, Int(width) * 3)
            initialized = status == 0 ? byteCount : 0
        }
        guard status == 0 else { throw Failure(description: "JPEG: \(String(cString: cjpeg_decoder_error(decoder)))") }
        return DecodedSource(width: Int(width), height: Int(height), pixels: pixels)
    }

    private static func webp(_ base: UnsafePointer<UInt8>, count: Int) throws(Failure) -> DecodedSource {
        var features = WebPBitstreamFeatures()
        guard WebPGetFeatures(base, count, &features) == VP8_STATUS_OK else { throw Failure(description: "WEBP: unreadable header") }
        let width = Int(features.width), height = Int(features.height)
        try checkSize(width, height)
        let byteCount = width * height * 3
        var decoded = false
        let pixels = [UInt8](unsafeUninitializedCapacity: byteCount) { buffer, initialized in
            // Animated files are refused here (libwebp's still decoder does not take them).
            decoded = WebPDecodeRGBInto(base, count, buffer.baseAddress, byteCount, Int32(width * 3)) != nil
            initialized = decoded ? byteCount : 0
        }
        guard decoded else { throw Failure(description: "WEBP: libwebp could not decode it (animated or corrupt)") }
        return DecodedSource(width: width, height: height, pixels: pixels)
    }
}
