/// What a decoder read from the header, before any pixel memory is allocated.
struct ImageHeader: Sendable {
    var format: PreviewFormat
    var width: Int
    var height: Int
    var hasAlpha: Bool
    var frameCount: Int = 1
    var traits: [String] = []
}

/// Decoded pixels, 8 bits a channel, rows packed: RGB (3 channels) or non-premultiplied RGBA (4).
struct DecodedImage: Sendable {
    var header: ImageHeader
    var width: Int
    var height: Int
    var channels: Int
    var pixels: [UInt8]
}

/// The smallest decoded size worth having for a cell grid (decoders may return more).
struct PixelSize: Hashable, Sendable {
    var width: Int
    var height: Int
}

extension DecodedImage {
    /// The picture over a neutral grey checkerboard, as RGB; `square` is the checker's side in
    /// pixels. Opaque images come back unchanged.
    func compositedOverChecker(square: Int) -> DecodedImage {
        guard channels == 4 else { return self }
        let side = max(1, square)
        let count = width * height
        let rgb = [UInt8](unsafeUninitializedCapacity: count * 3) { output, initialized in
            pixels.withUnsafeBufferPointer { input in
                let light = 0x99, dark = 0x66
                for y in 0..<height {
                    let rowBand = (y / side) & 1
                    var source = y * width * 4
                    var target = y * width * 3
                    for x in 0..<width {
                        let alpha = Int(input[source + 3])
                        let back = ((x / side) & 1) ^ rowBand == 0 ? light : dark
                        if alpha == 255 {
                            output[target] = input[source]
                            output[target + 1] = input[source + 1]
                            output[target + 2] = input[source + 2]
                        } else {
                            let inverse = 255 - alpha
                            output[target] = UInt8((Int(input[source]) * alpha + back * inverse + 127) / 255)
                            output[target + 1] = UInt8((Int(input[source + 1]) * alpha + back * inverse + 127) / 255)
                            output[target + 2] = UInt8((Int(input[source + 2]) * alpha + back * inverse + 127) / 255)
                        }
                        source += 4
                        target += 3
                    }
                }
            }
            initialized = count * 3
        }
        return DecodedImage(header: header, width: width, height: height, channels: 3, pixels: rgb)
    }
}

/// Tells the format from the first bytes.
enum FormatSniffer {
    static func format(of bytes: UnsafeRawBufferPointer) -> PreviewFormat? {
        if bytes.count >= 8, bytes.prefix(8).elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.count >= 3, bytes[0] == 0xFF, bytes[1] == 0xD8, bytes[2] == 0xFF { return .jpeg }
        if bytes.count >= 12, bytes.prefix(4).elementsEqual(Array("RIFF".utf8)),
           bytes[8..<12].elementsEqual(Array("WEBP".utf8)) { return .webp }
        return nil
    }
}
