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

struct PixelSize: Hashable, Sendable {
    var width: Int
    var height: Int
}

/// What a decoder should aim for, once the header told the image's size.
struct DecodeTarget: Hashable, Sendable {
    /// The smallest size worth decoding at (DCT and libwebp scaling stop above it).
    var minimum: PixelSize
    /// The size chafa samples at: a decoder that reduces by a whole factor (PNG) keeps at least this.
    var sampling: PixelSize

    /// The largest whole reduction that keeps an image of this size at least `sampling` (1: none).
    func reductionFactor(width: Int, height: Int) -> Int {
        max(1, min(width / max(1, sampling.width), height / max(1, sampling.height)))
    }
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

extension DecodedImage {
    /// The picture shrunk by a whole factor (box filter: each output pixel is the average of a
    /// factor × factor block; colours weighted by alpha) while it stays at least `wanted`;
    /// unchanged when it is less than twice `wanted`. Up to factor - 1 pixels at the right and
    /// bottom edges are dropped. Decoders that cannot decode small (PNG) rely on this: chafa
    /// then scales a small image, and the checker composite touches a small one.
    /// A strip (4 × 16 million pixels, within the pixel limit) would keep its factor at 1 by its
    /// short side and reach the composite and chafa whole: an axis still more than
    /// `stripRatio` times what is wanted is reduced by its own factor (chafa fills its canvas,
    /// whose shape comes from the header, so the picture is not distorted).
    func downsampled(atLeast wanted: PixelSize) -> DecodedImage {
        let factor = DecodeTarget(minimum: wanted, sampling: wanted).reductionFactor(width: width, height: height)
        let xFactor = width / factor > Self.stripRatio * max(1, wanted.width) ? width / max(1, wanted.width) : factor
        let yFactor = height / factor > Self.stripRatio * max(1, wanted.height) ? height / max(1, wanted.height) : factor
        guard xFactor >= 2 || yFactor >= 2 else { return self }
        let outWidth = width / xFactor, outHeight = height / yFactor
        let channels = self.channels
        let output = [UInt8](unsafeUninitializedCapacity: outWidth * outHeight * channels) { out, initialized in
            pixels.withUnsafeBufferPointer { input in
                // Per output column: sums of (r, g, b, a), colours premultiplied when there is alpha.
                var sums = [UInt64](repeating: 0, count: outWidth * 4)
                let area = UInt64(xFactor * yFactor)
                sums.withUnsafeMutableBufferPointer { sums in
                    for outY in 0..<outHeight {
                        for i in 0..<sums.count { sums[i] = 0 }
                        for y in (outY * yFactor)..<(outY * yFactor + yFactor) {
                            var source = y * width * channels
                            for outX in 0..<outWidth {
                                var r: UInt64 = 0, g: UInt64 = 0, b: UInt64 = 0, a: UInt64 = 0
                                if channels == 4 {
                                    for _ in 0..<xFactor {
                                        let alpha = UInt64(input[source + 3])
                                        r += UInt64(input[source]) * alpha
                                        g += UInt64(input[source + 1]) * alpha
                                        b += UInt64(input[source + 2]) * alpha
                                        a += alpha
                                        source += 4
                                    }
                                } else {
                                    for _ in 0..<xFactor {
                                        r += UInt64(input[source])
                                        g += UInt64(input[source + 1])
                                        b += UInt64(input[source + 2])
                                        source += 3
                                    }
                                }
                                sums[outX * 4] += r
                                sums[outX * 4 + 1] += g
                                sums[outX * 4 + 2] += b
                                sums[outX * 4 + 3] += a
                            }
                        }
                        var target = outY * outWidth * channels
                        for outX in 0..<outWidth {
                            if channels == 4 {
                                let alpha = sums[outX * 4 + 3]
                                if alpha == 0 {
                                    out[target] = 0; out[target + 1] = 0; out[target + 2] = 0; out[target + 3] = 0
                                } else {
                                    out[target] = UInt8((sums[outX * 4] + alpha / 2) / alpha)
                                    out[target + 1] = UInt8((sums[outX * 4 + 1] + alpha / 2) / alpha)
                                    out[target + 2] = UInt8((sums[outX * 4 + 2] + alpha / 2) / alpha)
                                    out[target + 3] = UInt8((alpha + area / 2) / area)
                                }
                                target += 4
                            } else {
                                out[target] = UInt8((sums[outX * 4] + area / 2) / area)
                                out[target + 1] = UInt8((sums[outX * 4 + 1] + area / 2) / area)
                                out[target + 2] = UInt8((sums[outX * 4 + 2] + area / 2) / area)
                                target += 3
                            }
                        }
                    }
                }
            }
            initialized = outWidth * outHeight * channels
        }
        return DecodedImage(header: header, width: outWidth, height: outHeight, channels: channels, pixels: output)
    }

    static let stripRatio = 8
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
