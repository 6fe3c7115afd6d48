import CJPEG
import FakeIdeogram

/// Source images for uploads. PNGs are real (SamplePictures); JPEG, WEBP and GIF are minimal
/// headers, enough for the service, which judges format and size by the header bytes.
enum TestImages {
    static func png(width: Int, height: Int, seed: UInt64 = 7) -> [UInt8] {
        // Small sizes only: a failure here is a bug in SamplePictures, reported by its own tests.
        (try? SamplePictures.png(width: width, height: height, seed: seed)) ?? []
    }

    /// SOI, an APP0 segment, then SOF0 with the size, then the start of scan.
    static func jpeg(width: Int, height: Int, frameMarker: UInt8 = 0xC0) -> [UInt8] {
        var bytes: [UInt8] = [0xFF, 0xD8]
        bytes += [0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]
        bytes += [0xFF, frameMarker, 0x00, 0x11, 0x08] + bigEndian16(height) + bigEndian16(width)
        bytes += [0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]
        bytes += [0xFF, 0xDA, 0x00, 0x0C, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3F, 0x00]
        bytes += [UInt8](repeating: 0x55, count: 32) + [0xFF, 0xD9]
        return bytes
    }

    static func webpLossy(width: Int, height: Int) -> [UInt8] {
        let frame: [UInt8] = [0x30, 0x01, 0x00, 0x9D, 0x01, 0x2A] + littleEndian(width, bytes: 2) + littleEndian(height, bytes: 2)
            + [UInt8](repeating: 0, count: 10)
        return riff(chunk: "VP8 ", payload: frame)
    }

    static func webpLossless(width: Int, height: Int) -> [UInt8] {
        let bits = UInt32(width - 1) | UInt32(height - 1) << 14
        return riff(chunk: "VP8L", payload: [0x2F] + littleEndian(Int(bits), bytes: 4) + [0, 0, 0, 0])
    }

    static func webpExtended(width: Int, height: Int) -> [UInt8] {
        riff(chunk: "VP8X", payload: [0x10, 0, 0, 0] + littleEndian(width - 1, bytes: 3) + littleEndian(height - 1, bytes: 3))
    }

    static func gif(width: Int, height: Int) -> [UInt8] {
        Array("GIF89a".utf8) + littleEndian(width, bytes: 2) + littleEndian(height, bytes: 2) + [0, 0, 0, 0x3B]
    }

    private static func riff(chunk: String, payload: [UInt8]) -> [UInt8] {
        let body = Array("WEBP".utf8) + Array(chunk.utf8) + littleEndian(payload.count, bytes: 4) + payload
        return Array("RIFF".utf8) + littleEndian(body.count, bytes: 4) + body
    }

    private static func bigEndian16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }

    private static func littleEndian(_ value: Int, bytes: Int) -> [UInt8] {
        (0..<bytes).map { UInt8(value >> (8 * $0) & 0xFF) }
    }
}

/// Reads a PNG's size from its IHDR chunk.
enum PNGInfo {
    static func size(of png: [UInt8]) -> (width: Int, height: Int)? {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard png.count >= 24, Array(png[0..<8]) == signature, Array(png[12..<16]) == Array("IHDR".utf8) else { return nil }
        func word(_ offset: Int) -> Int { png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (word(16), word(20))
    }
}

extension TestImages {
    struct EncodingFailure: Error, CustomStringConvertible { var description: String }

    /// A real JPEG of the given RGB pixels, encoded by libjpeg.
    static func encodedJPEG(_ pixels: [UInt8], width: Int, height: Int) throws -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>?
        var size = 0
        var message = [CChar](repeating: 0, count: 200)
        let status = cjpeg_encode(pixels, Int32(width), Int32(height), 3, Int32(CJPEG_COLOR_UNKNOWN), 95, 0, &output, &size,
                                  &message, message.count)
        guard status == 0, let output else {
            throw EncodingFailure(description: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        defer { cjpeg_free(output) }
        return Array(UnsafeBufferPointer(start: output, count: size))
    }
}
