/// Whether an image's data reaches its end, checked from its structure without decoding:
/// PNG chunks followed by their lengths to IEND; JPEG segments followed to the scan, then the
/// scan data searched for markers up to EOI; WEBP chunks followed to the end the RIFF header
/// gives. A file cut short (a copy that stopped, `head -c`) is refused before it is sent rather
/// than billed for a broken picture. Bytes after the end (camera trailers) are allowed.
public enum ImageCompleteness {
    public enum Verdict: Sendable, Equatable {
        case complete
        case truncated
        case corrupt(detail: String)
    }

    /// `read(offset, count)` returns up to `count` bytes at `offset` (fewer only at the end).
    public static func check(_ format: ImageFormat, size: Int,
                             read: @escaping (_ offset: Int, _ count: Int) throws -> [UInt8]) throws -> Verdict {
        var reader = WindowReader(size: size, read: read)
        switch format {
        case .png: return try png(&reader)
        case .jpeg: return try jpeg(&reader)
        case .webp: return try webp(&reader)
        }
    }

    private static func png(_ r: inout WindowReader) throws -> Verdict {
        var offset = 8
        while true {
            guard let head = try r.bytes(at: offset, count: 8) else { return .truncated }
            let length = Int(be32(head, 0))
            guard length <= Int(Int32.max) else { return .corrupt(detail: "a chunk length of \(length)") }
            let next = offset + 12 + length  // length, type, data, CRC
            if head[4...7].elementsEqual("IEND".utf8) { return next <= r.size ? .complete : .truncated }
            guard next <= r.size else { return .truncated }
            offset = next
        }
    }

    private static func jpeg(_ r: inout WindowReader) throws -> Verdict {
        var offset = 2
        var inScan = false
        while true {
            if inScan {
                // Scan data: 0xFF is followed by 0x00 (a stuffed byte), a restart marker, fill
                // bytes, or the next marker.
                guard let found = try r.firstIndex(of: 0xFF, from: offset) else { return .truncated }
                guard let next = try r.byte(at: found + 1) else { return .truncated }
                if next == 0x00 || (0xD0...0xD7).contains(next) || next == 0xFF {
                    offset = found + (next == 0xFF ? 1 : 2)
                    continue
                }
                offset = found
            }
            guard let first = try r.byte(at: offset) else { return .truncated }
            if first != 0xFF {
                // Stray bytes before a marker (some cameras pad segments): libjpeg skips them
                // with a warning, so they are skipped here too rather than refused.
                guard let next = try r.firstIndex(of: 0xFF, from: offset) else { return .truncated }
                offset = next
            }
            var markerAt = offset + 1
            while try r.byte(at: markerAt) == 0xFF { markerAt += 1 }
            guard let marker = try r.byte(at: markerAt) else { return .truncated }
            offset = markerAt + 1
            switch marker {
            case 0xD9: return inScan ? .complete : .corrupt(detail: "the image ends before its scan data")
            case 0xD8, 0x01, 0xD0...0xD7: continue
            default: break
            }
            guard let lengthBytes = try r.bytes(at: offset, count: 2) else { return .truncated }
            let length = Int(lengthBytes[0]) << 8 | Int(lengthBytes[1])
            guard length >= 2 else { return .corrupt(detail: "a segment length of \(length)") }
            offset += length
            guard offset <= r.size else { return .truncated }
            if marker == 0xDA { inScan = true }
        }
    }

    private static func webp(_ r: inout WindowReader) throws -> Verdict {
        guard let riff = try r.bytes(at: 0, count: 12) else { return .truncated }
        let end = 8 + Int(le32(riff, 4))
        guard end <= r.size else { return .truncated }
        var offset = 12
        while offset < end {
            guard offset + 8 <= end, let head = try r.bytes(at: offset, count: 8) else {
                return .corrupt(detail: "a chunk crosses the end of the RIFF data")
            }
            let length = Int(le32(head, 4))
            offset += 8 + length + (length & 1)  // chunks are padded to an even size
        }
        return offset == end || offset == end + 1 ? .complete : .corrupt(detail: "a chunk crosses the end of the RIFF data")
    }

    private static func be32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
    }

    private static func le32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i + 3]) << 24 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 1]) << 8 | UInt32(b[i])
    }
}

/// Reads a file through one window of 64 kB, so walking many small chunks or scanning
/// megabytes of JPEG data costs few reads and little memory.
private struct WindowReader {
    let size: Int
    let read: (Int, Int) throws -> [UInt8]
    var window: [UInt8] = []
    var windowStart = 0
    private static var windowSize: Int { 64 * 1024 }

    mutating func byte(at offset: Int) throws -> UInt8? {
        guard offset >= 0, offset < size else { return nil }
        if offset < windowStart || offset >= windowStart + window.count {
            windowStart = offset
            window = try read(offset, Self.windowSize)
            guard !window.isEmpty else { return nil }
        }
        return window[offset - windowStart]
    }

    /// `count` bytes at `offset`, or nil when the file ends first.
    mutating func bytes(at offset: Int, count: Int) throws -> [UInt8]? {
        guard offset >= 0, offset + count <= size else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(count)
        for index in offset..<(offset + count) {
            guard let byte = try byte(at: index) else { return nil }
            out.append(byte)
        }
        return out
    }

    mutating func firstIndex(of value: UInt8, from offset: Int) throws -> Int? {
        var position = offset
        while position < size {
            guard try byte(at: position) != nil else { return nil }
            let start = position - windowStart
            if let found = window[start...].firstIndex(of: value) { return windowStart + found }
            position = windowStart + window.count
        }
        return nil
    }
}
