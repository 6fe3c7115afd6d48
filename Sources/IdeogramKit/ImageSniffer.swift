/// Recognises PNG, JPEG and WEBP by their leading bytes and reads the pixel size from the
/// header, without decoding. The file name plays no part: a renamed file is what its bytes say.
public enum ImageSniffer {
    /// Why some bytes are not an image the API accepts. The intake adds the path.
    public enum Failure: Error, Sendable, Equatable {
        case empty
        case unsupported(kind: String)
        case truncated(ImageFormat)
        case corrupt(ImageFormat, detail: String)
    }

    public static func sniff(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> ImageHeader {
        let b = ByteReader(bytes)
        if bytes.isEmpty { throw .empty }
        if b.matches([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], at: 0) { return try png(b) }
        if b.matches([0xFF, 0xD8, 0xFF], at: 0) { return try jpeg(b) }
        if b.matches(Array("RIFF".utf8), at: 0) && b.matches(Array("WEBP".utf8), at: 8) { return try webp(b) }
        throw .unsupported(kind: describeUnsupported(b))
    }

    public static func sniff(_ bytes: [UInt8]) throws(Failure) -> ImageHeader {
        let sniffed = bytes.withUnsafeBytes { raw in
            Result { () throws(Failure) -> ImageHeader in try sniff(raw) }
        }
        return try sniffed.get()
    }

    private static func png(_ b: ByteReader) throws(Failure) -> ImageHeader {
        // The IHDR chunk must come first: length(4) "IHDR" width(4) height(4).
        guard b.count >= 24 else { throw .truncated(.png) }
        guard b.matches(Array("IHDR".utf8), at: 12) else { throw .corrupt(.png, detail: "the first chunk is not IHDR") }
        return try sized(.png, width: Int(b.u32be(16)), height: Int(b.u32be(20)))
    }

    private static func jpeg(_ b: ByteReader) throws(Failure) -> ImageHeader {
        var pos = 2
        while true {
            // Markers may be padded with any number of 0xFF fill bytes.
            guard pos < b.count else { throw .truncated(.jpeg) }
            guard b[pos] == 0xFF else { throw .corrupt(.jpeg, detail: "expected a marker at byte \(pos)") }
            while pos < b.count && b[pos] == 0xFF { pos += 1 }
            guard pos < b.count else { throw .truncated(.jpeg) }
            let marker = b[pos]
            pos += 1
            switch marker {
            case 0xD8, 0x01, 0xD0...0xD7:
                continue  // markers without a length
            case 0xD9, 0xDA:
                throw .corrupt(.jpeg, detail: "no frame header before the image data")
            default:
                break
            }
            guard pos + 2 <= b.count else { throw .truncated(.jpeg) }
            let length = Int(b.u16be(pos))
            guard length >= 2 else { throw .corrupt(.jpeg, detail: "a segment length of \(length)") }
            // SOF0…SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
            if (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard pos + 7 <= b.count else { throw .truncated(.jpeg) }
                return try sized(.jpeg, width: Int(b.u16be(pos + 5)), height: Int(b.u16be(pos + 3)))
            }
            pos += length
        }
    }

    private static func webp(_ b: ByteReader) throws(Failure) -> ImageHeader {
        guard b.count >= 30 else { throw .truncated(.webp) }
        if b.matches(Array("VP8 ".utf8), at: 12) {
            // Lossy: a 3-byte frame tag, the start code 9D 01 2A, then 14-bit sizes.
            guard b.matches([0x9D, 0x01, 0x2A], at: 23) else { throw .corrupt(.webp, detail: "missing the VP8 start code") }
            return try sized(.webp, width: Int(b.u16le(26) & 0x3FFF), height: Int(b.u16le(28) & 0x3FFF))
        }
        if b.matches(Array("VP8L".utf8), at: 12) {
            // Lossless: signature 0x2F, then width-1 and height-1 in 14 bits each.
            guard b[20] == 0x2F else { throw .corrupt(.webp, detail: "missing the VP8L signature") }
            let bits = b.u32le(21)
            return try sized(.webp, width: Int(bits & 0x3FFF) + 1, height: Int((bits >> 14) & 0x3FFF) + 1)
        }
        if b.matches(Array("VP8X".utf8), at: 12) {
            // Extended: canvas width-1 and height-1 in 24 bits each.
            return try sized(.webp, width: Int(b.u24le(24)) + 1, height: Int(b.u24le(27)) + 1)
        }
        throw .corrupt(.webp, detail: "unknown first chunk")
    }

    private static func sized(_ format: ImageFormat, width: Int, height: Int) throws(Failure) -> ImageHeader {
        guard width > 0, height > 0 else { throw .corrupt(format, detail: "a size of \(width)x\(height)") }
        return ImageHeader(format: format, width: width, height: height)
    }

    /// Names what an unsupported file most likely is, so the message helps.
    private static func describeUnsupported(_ b: ByteReader) -> String {
        if b.matches(Array("GIF8".utf8), at: 0) { return "a GIF image" }
        if b.matches(Array("BM".utf8), at: 0) { return "a BMP image" }
        if b.matches([0x49, 0x49, 0x2A, 0x00], at: 0) || b.matches([0x4D, 0x4D, 0x00, 0x2A], at: 0) { return "a TIFF image" }
        if b.matches(Array("%PDF".utf8), at: 0) { return "a PDF document" }
        if b.matches(Array("ftyp".utf8), at: 4) { return "an HEIF/AVIF or video file" }
        if b.matches(Array("RIFF".utf8), at: 0) { return "a RIFF file that is not WEBP" }
        let head = (0..<min(b.count, 512)).map { b[$0] }
        let looksLikeText = head.allSatisfy { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 >= 0x20 }
            && String(validating: head, as: UTF8.self) != nil
        return looksLikeText ? "text, not an image" : "not a PNG, JPEG or WEBP image"
    }
}

/// Bounds-checked big- and little-endian reads over raw bytes.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }
    var count: Int { bytes.count }
    subscript(i: Int) -> UInt8 { i < bytes.count ? bytes[i] : 0 }

    func matches(_ pattern: [UInt8], at offset: Int) -> Bool {
        guard offset + pattern.count <= bytes.count else { return false }
        for (i, byte) in pattern.enumerated() where bytes[offset + i] != byte { return false }
        return true
    }
    func u16be(_ i: Int) -> UInt16 { UInt16(self[i]) << 8 | UInt16(self[i + 1]) }
    func u16le(_ i: Int) -> UInt16 { UInt16(self[i + 1]) << 8 | UInt16(self[i]) }
    func u24le(_ i: Int) -> UInt32 { UInt32(self[i + 2]) << 16 | UInt32(self[i + 1]) << 8 | UInt32(self[i]) }
    func u32be(_ i: Int) -> UInt32 { UInt32(self[i]) << 24 | UInt32(self[i + 1]) << 16 | UInt32(self[i + 2]) << 8 | UInt32(self[i + 3]) }
    func u32le(_ i: Int) -> UInt32 { UInt32(self[i + 3]) << 24 | UInt32(self[i + 2]) << 16 | UInt32(self[i + 1]) << 8 | UInt32(self[i]) }
}
