import Foundation
import NIOCore

/// The upload formats the service accepts.
enum ImageFormat: String, Sendable {
    case png = "PNG"
    case jpeg = "JPEG"
    case webp = "WEBP"

    /// Content-Types a client may honestly send for this format.
    var acceptedContentTypes: Set<String> {
        switch self {
        case .png: ["image/png"]
        case .jpeg: ["image/jpeg", "image/jpg"]
        case .webp: ["image/webp"]
        }
    }
}

struct SniffedImage: Equatable, Sendable {
    var format: ImageFormat
    var width: Int
    var height: Int
}

/// Judges an upload by its bytes, not its name or Content-Type, and reads the pixel size from
/// the header (PNG IHDR, JPEG SOFn, WEBP VP8/VP8L/VP8X) as the real service must to size results.
enum ImageFormatSniffer {
    static func sniff(_ upload: ByteBuffer) throws(RequestRejection) -> SniffedImage {
        guard upload.readableBytes > 0 else { throw .badRequest("image_file is empty") }
        let header = upload.getBytes(at: upload.readerIndex, length: min(upload.readableBytes, headerScanLimit)) ?? []
        let data = ByteReader(bytes: header)
        if data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return try png(data) }
        if data.starts(with: [0xFF, 0xD8, 0xFF]) { return try jpeg(data) }
        if data.starts(with: Array("RIFF".utf8)), data.matches(Array("WEBP".utf8), at: 8) { return try webp(data) }
        if data.starts(with: Array("GIF8".utf8)) {
            throw .badRequest("unsupported image format GIF: image_file must be PNG, JPEG or WEBP")
        }
        throw .badRequest("unsupported image format: the bytes of image_file are not PNG, JPEG or WEBP")
    }

    /// The same, with messages naming the v2 call's part (`image`) instead of image_file.
    static func sniff(_ upload: ByteBuffer, partName: String) throws(RequestRejection) -> SniffedImage {
        do {
            return try sniff(upload)
        } catch {
            var renamed = error
            renamed.message = error.message.replacingOccurrences(of: "image_file", with: partName)
            throw renamed
        }
    }

    /// JPEG may carry large EXIF/ICC segments before the frame header; 1 MB of header is plenty.
    private static let headerScanLimit = 1 << 20

    private static func truncated(_ format: ImageFormat) -> RequestRejection {
        .badRequest("unsupported image: image_file looks like \(format.rawValue) but its header is truncated or corrupt")
    }

    private static func sized(_ format: ImageFormat, _ width: Int, _ height: Int) throws(RequestRejection) -> SniffedImage {
        guard width > 0, height > 0 else { throw truncated(format) }
        return SniffedImage(format: format, width: width, height: height)
    }

    private static func png(_ data: ByteReader) throws(RequestRejection) -> SniffedImage {
        // Signature, then the IHDR chunk: length, "IHDR", width, height (big endian).
        guard data.matches(Array("IHDR".utf8), at: 12),
              let width = data.uint32BigEndian(at: 16), let height = data.uint32BigEndian(at: 20)
        else { throw truncated(.png) }
        return try sized(.png, Int(width), Int(height))
    }

    private static func jpeg(_ data: ByteReader) throws(RequestRejection) -> SniffedImage {
        var offset = 2
        while true {
            guard data.byte(at: offset) == 0xFF else { throw truncated(.jpeg) }
            var markerOffset = offset + 1
            while data.byte(at: markerOffset) == 0xFF { markerOffset += 1 }  // fill bytes
            guard let marker = data.byte(at: markerOffset) else { throw truncated(.jpeg) }
            offset = markerOffset + 1
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { continue }  // no length field
            guard marker != 0xD9, marker != 0xDA, let length = data.uint16BigEndian(at: offset), length >= 2 else {
                throw truncated(.jpeg)  // end of image or scan data before any frame header
            }
            if isStartOfFrame(marker) {
                guard let height = data.uint16BigEndian(at: offset + 3), let width = data.uint16BigEndian(at: offset + 5)
                else { throw truncated(.jpeg) }
                return try sized(.jpeg, Int(width), Int(height))
            }
            offset += Int(length)
        }
    }

    /// SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    private static func isStartOfFrame(_ marker: UInt8) -> Bool {
        (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
    }

    private static func webp(_ data: ByteReader) throws(RequestRejection) -> SniffedImage {
        let chunk = 12, payload = 20
        if data.matches(Array("VP8 ".utf8), at: chunk) {
            // Lossy: 3-byte frame tag, start code 9D 01 2A, then 14-bit width and height.
            guard data.matches([0x9D, 0x01, 0x2A], at: payload + 3),
                  let width = data.uint16LittleEndian(at: payload + 6), let height = data.uint16LittleEndian(at: payload + 8)
            else { throw truncated(.webp) }
            return try sized(.webp, Int(width & 0x3FFF), Int(height & 0x3FFF))
        }
        if data.matches(Array("VP8L".utf8), at: chunk) {
            // Lossless: signature 0x2F, then 14 bits width-1 and 14 bits height-1.
            guard data.byte(at: payload) == 0x2F, let bits = data.uint32LittleEndian(at: payload + 1)
            else { throw truncated(.webp) }
            return try sized(.webp, Int(bits & 0x3FFF) + 1, Int((bits >> 14) & 0x3FFF) + 1)
        }
        if data.matches(Array("VP8X".utf8), at: chunk) {
            // Extended: flags, 3 reserved bytes, then 24-bit canvas width-1 and height-1.
            guard let width = data.uint24LittleEndian(at: payload + 4), let height = data.uint24LittleEndian(at: payload + 7)
            else { throw truncated(.webp) }
            return try sized(.webp, Int(width) + 1, Int(height) + 1)
        }
        throw truncated(.webp)
    }
}

/// Bounds-checked reads from the start of an upload.
private struct ByteReader {
    let bytes: [UInt8]

    func byte(at offset: Int) -> UInt8? {
        offset >= 0 && offset < bytes.count ? bytes[offset] : nil
    }

    func starts(with prefix: [UInt8]) -> Bool { matches(prefix, at: 0) }

    func matches(_ expected: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, offset + expected.count <= bytes.count else { return false }
        return bytes[offset..<offset + expected.count].elementsEqual(expected)
    }

    private func unsigned(at offset: Int, count: Int, bigEndian: Bool) -> UInt32? {
        guard offset >= 0, offset + count <= bytes.count else { return nil }
        let slice = bytes[offset..<offset + count]
        let ordered = bigEndian ? Array(slice) : Array(slice.reversed())
        return ordered.reduce(0) { $0 << 8 | UInt32($1) }
    }

    func uint16BigEndian(at offset: Int) -> UInt32? { unsigned(at: offset, count: 2, bigEndian: true) }
    func uint32BigEndian(at offset: Int) -> UInt32? { unsigned(at: offset, count: 4, bigEndian: true) }
    func uint16LittleEndian(at offset: Int) -> UInt32? { unsigned(at: offset, count: 2, bigEndian: false) }
    func uint24LittleEndian(at offset: Int) -> UInt32? { unsigned(at: offset, count: 3, bigEndian: false) }
    func uint32LittleEndian(at offset: Int) -> UInt32? { unsigned(at: offset, count: 4, bigEndian: false) }
}
