import CJPEG
import CPNG
import CWebP
import Foundation
@testable import ImagePreview

/// Pixels for test images: 8-bit RGBA, row by row.
struct RGBAImage {
    var width: Int
    var height: Int
    var pixels: [UInt8]

    init(width: Int, height: Int, pixel: (Int, Int) -> (UInt8, UInt8, UInt8, UInt8)) {
        self.width = width
        self.height = height
        self.pixels = [UInt8](unsafeUninitializedCapacity: width * height * 4) { buffer, initialized in
            var i = 0
            for y in 0..<height {
                for x in 0..<width {
                    let p = pixel(x, y)
                    buffer[i] = p.0; buffer[i + 1] = p.1; buffer[i + 2] = p.2; buffer[i + 3] = p.3
                    i += 4
                }
            }
            initialized = i
        }
    }

    static func solid(_ width: Int, _ height: Int, _ r: UInt8, _ g: UInt8, _ b: UInt8, _ a: UInt8 = 255) -> RGBAImage {
        RGBAImage(width: width, height: height) { _, _ in (r, g, b, a) }
    }

    /// White on the upper half, black on the lower.
    static func topWhiteBottomBlack(_ width: Int, _ height: Int) -> RGBAImage {
        RGBAImage(width: width, height: height) { _, y in y < height / 2 ? (255, 255, 255, 255) : (0, 0, 0, 255) }
    }

    /// A colourful picture: gradients and a disc.
    static func picture(_ width: Int, _ height: Int) -> RGBAImage {
        RGBAImage(width: width, height: height) { x, y in
            let dx = x - width / 2, dy = y - height / 2
            let inDisc = dx * dx + dy * dy < (min(width, height) / 3) * (min(width, height) / 3)
            return inDisc ? (250, 200, 40, 255) : (UInt8(x * 255 / max(1, width - 1)), UInt8(y * 255 / max(1, height - 1)), 128, 255)
        }
    }

    var rgb: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: width * height * 3) { buffer, initialized in
            for p in 0..<(width * height) {
                buffer[p * 3] = pixels[p * 4]; buffer[p * 3 + 1] = pixels[p * 4 + 1]; buffer[p * 3 + 2] = pixels[p * 4 + 2]
            }
            initialized = width * height * 3
        }
    }
}

/// Writes PNGs byte by byte (chunks, CRCs, stored zlib blocks), so tests can make every variant
/// libpng's simplified writer cannot: 16-bit, paletted with tRNS, grey with alpha, Adam7
/// interlacing, and headers that lie.
enum PNGWriter {
    enum ColorType: UInt8 {
        case gray = 0, rgb = 2, palette = 3, grayAlpha = 4, rgba = 6
        var channels: Int {
            switch self {
            case .gray, .palette: 1
            case .grayAlpha: 2
            case .rgb: 3
            case .rgba: 4
            }
        }
    }

    /// `sample(x, y)` gives each channel's value (0...255, or 0...65535 at 16 bits; a palette
    /// index for `.palette`).
    static func png(width: Int, height: Int, colorType: ColorType, bitDepth: Int = 8, interlaced: Bool = false,
                    palette: [(UInt8, UInt8, UInt8)] = [], transparency: [UInt8] = [],
                    claimedSize: (Int, Int)? = nil, sample: (Int, Int) -> [Int]) -> [UInt8] {
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var ihdr: [UInt8] = []
        let shown = claimedSize ?? (width, height)
        ihdr += be32(shown.0) + be32(shown.1)
        ihdr += [UInt8(bitDepth), colorType.rawValue, 0, 0, interlaced ? 1 : 0]
        out += chunk("IHDR", ihdr)
        if !palette.isEmpty { out += chunk("PLTE", palette.flatMap { [$0.0, $0.1, $0.2] }) }
        if !transparency.isEmpty { out += chunk("tRNS", transparency) }
        var raw: [UInt8] = []
        let passes: [(Int, Int, Int, Int)] = interlaced
            ? [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
            : [(0, 0, 1, 1)]
        for (x0, y0, dx, dy) in passes {
            let xs = Array(stride(from: x0, to: width, by: dx)), ys = Array(stride(from: y0, to: height, by: dy))
            if xs.isEmpty || ys.isEmpty { continue }
            for y in ys {
                raw.append(0)  // filter: none
                for x in xs {
                    for value in sample(x, y) {
                        if bitDepth == 16 { raw += [UInt8(value >> 8), UInt8(value & 0xFF)] } else { raw.append(UInt8(value)) }
                    }
                }
            }
        }
        out += chunk("IDAT", zlibStored(raw))
        out += chunk("IEND", [])
        return out
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return be32(data.count) + typeBytes + data + be32(Int(crc32(typeBytes + data)))
    }

    static func be32(_ value: Int) -> [UInt8] {
        [UInt8((value >> 24) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return crc ^ 0xFFFF_FFFF
    }

    /// A zlib stream of stored (uncompressed) deflate blocks.
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65535, data.count - offset)
            let final: UInt8 = offset + count >= data.count ? 1 : 0
            out += [final, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            out += data[offset..<offset + count]
            offset += count
        } while offset < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        return out + be32(Int(b << 16 | a))
    }

    /// An RGBA PNG written by libpng's own simplified writer.
    static func libpngRGBA(_ image: RGBAImage) -> [UInt8] {
        var png = png_image()
        png.version = png_uint_32(PNG_IMAGE_VERSION)
        png.width = png_uint_32(image.width)
        png.height = png_uint_32(image.height)
        png.format = png_uint_32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA)
        var size: png_alloc_size_t = 0
        _ = image.pixels.withUnsafeBytes { png_image_write_to_memory(&png, nil, &size, 0, $0.baseAddress, 0, nil) }
        var out = [UInt8](repeating: 0, count: Int(size))
        let ok = out.withUnsafeMutableBytes { buffer in
            image.pixels.withUnsafeBytes { png_image_write_to_memory(&png, buffer.baseAddress, &size, 0, $0.baseAddress, 0, nil) }
        }
        png_image_free(&png)
        precondition(ok != 0, "libpng could not write the test image")
        return Array(out.prefix(Int(size)))
    }
}

enum JPEGWriter {
    /// `components`: 1 grey (uses the red channel), 3 RGB, 4 CMYK (converted from RGB and
    /// stored Adobe-style, inverted).
    static func jpeg(_ image: RGBAImage, components: Int = 3, progressive: Bool = false, ycck: Bool = false,
                     quality: Int = 90) -> [UInt8] {
        var input: [UInt8] = []
        input.reserveCapacity(image.width * image.height * components)
        for i in stride(from: 0, to: image.pixels.count, by: 4) {
            let r = Int(image.pixels[i]), g = Int(image.pixels[i + 1]), b = Int(image.pixels[i + 2])
            switch components {
            case 1: input.append(UInt8(r))
            case 3: input += [UInt8(r), UInt8(g), UInt8(b)]
            default:
                let k = 255 - max(r, g, b)
                let c = k == 255 ? 0 : (255 - r - k) * 255 / (255 - k)
                let m = k == 255 ? 0 : (255 - g - k) * 255 / (255 - k)
                let y = k == 255 ? 0 : (255 - b - k) * 255 / (255 - k)
                input += [UInt8(255 - c), UInt8(255 - m), UInt8(255 - y), UInt8(255 - k)]
            }
        }
        var out: UnsafeMutablePointer<UInt8>? = nil
        var size = 0
        var error = [CChar](repeating: 0, count: 256)
        let status = cjpeg_encode(input, Int32(image.width), Int32(image.height), Int32(components),
                                  ycck ? Int32(CJPEG_COLOR_YCCK) : Int32(CJPEG_COLOR_UNKNOWN),
                                  Int32(quality), progressive ? 1 : 0, &out, &size, &error, error.count)
        precondition(status == 0, "libjpeg could not write the test image: \(String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))")
        defer { cjpeg_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: size))
    }

    /// The same file with its SOF header claiming another size.
    static func claimingSize(_ jpeg: [UInt8], width: Int, height: Int) -> [UInt8] {
        var bytes = jpeg
        var i = 2
        while i + 9 < bytes.count {
            guard bytes[i] == 0xFF else { i += 1; continue }
            let marker = bytes[i + 1]
            let length = Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            if (0xC0...0xC3).contains(marker) || (0xC5...0xCB).contains(marker) {
                bytes[i + 5] = UInt8(height >> 8); bytes[i + 6] = UInt8(height & 0xFF)
                bytes[i + 7] = UInt8(width >> 8); bytes[i + 8] = UInt8(width & 0xFF)
                return bytes
            }
            i += 2 + length
        }
        preconditionFailure("no SOF marker")
    }
}

enum WebPWriter {
    static func lossy(_ image: RGBAImage, quality: Float = 90) -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>? = nil
        let size = image.rgb.withUnsafeBufferPointer {
            WebPEncodeRGB($0.baseAddress, Int32(image.width), Int32(image.height), Int32(image.width * 3), quality, &output)
        }
        precondition(size > 0, "libwebp could not write the test image")
        defer { WebPFree(output) }
        return Array(UnsafeBufferPointer(start: output, count: size))
    }

    static func losslessRGBA(_ image: RGBAImage) -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>? = nil
        let size = image.pixels.withUnsafeBufferPointer {
            WebPEncodeLosslessRGBA($0.baseAddress, Int32(image.width), Int32(image.height), Int32(image.width * 4), &output)
        }
        precondition(size > 0, "libwebp could not write the test image")
        defer { WebPFree(output) }
        return Array(UnsafeBufferPointer(start: output, count: size))
    }

    /// An animated WEBP assembled by hand: VP8X (animation flag), ANIM, and one ANMF chunk per
    /// frame wrapping a lossless bitstream libwebp encoded. `canvas` may claim another size.
    static func animated(_ frames: [RGBAImage], canvas: (Int, Int)? = nil) -> [UInt8] {
        let width = canvas?.0 ?? frames[0].width, height = canvas?.1 ?? frames[0].height
        var body: [UInt8] = Array("WEBP".utf8)
        body += riffChunk("VP8X", [0x02 | 0x10, 0, 0, 0] + le24(width - 1) + le24(height - 1))
        body += riffChunk("ANIM", [0, 0, 0, 0, 0, 0])
        for frame in frames {
            let still = losslessRGBA(frame)
            let bitstreamChunk = Array(still[12...])  // "VP8L" + size + data
            var anmf = le24(0) + le24(0) + le24(frame.width - 1) + le24(frame.height - 1) + le24(100) + [0]
            anmf += bitstreamChunk
            body += riffChunk("ANMF", anmf)
        }
        return Array("RIFF".utf8) + le32(body.count) + body
    }

    /// A lossless header claiming 16384×16384 (the format's largest), followed by junk.
    static func claimingHugeLossless() -> [UInt8] {
        // VP8L: signature 0x2F, then 14 bits width-1, 14 bits height-1, alpha bit, 3 version bits.
        let bits: UInt32 = 16383 | (16383 << 14)
        let payload: [UInt8] = [0x2F, UInt8(bits & 0xFF), UInt8((bits >> 8) & 0xFF), UInt8((bits >> 16) & 0xFF),
                                UInt8((bits >> 24) & 0xFF)] + [UInt8](repeating: 0x55, count: 64)
        let body = Array("WEBP".utf8) + riffChunk("VP8L", payload)
        return Array("RIFF".utf8) + le32(body.count) + body
    }

    static func riffChunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        var out = Array(type.utf8) + le32(data.count) + data
        if data.count % 2 == 1 { out.append(0) }
        return out
    }

    static func le24(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF)] }
    static func le32(_ value: Int) -> [UInt8] { le24(value) + [UInt8((value >> 24) & 0xFF)] }
}

/// A fresh temporary folder, removed at deinit.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("ImagePreviewTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ bytes: [UInt8], named name: String) throws -> String {
        let path = url.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// What a half-block cell shows in its upper and lower halves.
func halves(_ cell: PreviewCell) -> (top: PreviewColor, bottom: PreviewColor) {
    switch cell.symbol {
    case "▀": (cell.foreground, cell.background)
    case "▄": (cell.background, cell.foreground)
    case "█": (cell.foreground, cell.foreground)
    default: (cell.background, cell.background)
    }
}

/// Decodes bytes the way a preview of `columns` × `rows` would.
func decode(_ bytes: [UInt8], columns: Int = 80, rows: Int = 40, options: PreviewOptions = PreviewOptions(),
            cancellation: PreviewCancellation? = nil) throws(PreviewError) -> DecodedImage {
    try Previewer.decode(data: bytes, columns: columns, rows: rows, options: options, cancellation: cancellation)
}

/// The pixel at (x, y) of a decoded image, as RGB(A).
func pixel(_ image: DecodedImage, _ x: Int, _ y: Int) -> [UInt8] {
    let start = (y * image.width + x) * image.channels
    return Array(image.pixels[start..<start + image.channels])
}

func near(_ a: [UInt8], _ b: [UInt8], tolerance: Int = 12) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs(Int($0) - Int($1)) <= tolerance }
}

extension Array where Element == UInt8 {
    /// The array's bytes `count` times over.
    func repeated(_ count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: self.count * count) { buffer, initialized in
            for i in 0..<(self.count * count) { buffer[i] = self[i % self.count] }
            initialized = self.count * count
        }
    }
}
