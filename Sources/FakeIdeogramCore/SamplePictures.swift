/// Colourful synthetic pictures: a four-corner gradient with a few translucent circles and
/// rectangles, all derived from a seed. The fake service serves them as upscale results, and
/// demos and tests use them as source images, so a preview shows something recognisable.
public enum SamplePictures {
    /// Largest accepted side, to keep a typo from allocating gigabytes.
    public static let maxSide = 16384

    public struct InvalidSizeError: Error, Sendable, CustomStringConvertible {
        public var width: Int
        public var height: Int
        public var description: String { "a sample picture must be 1...\(SamplePictures.maxSide) pixels per side (got \(width)x\(height))" }
    }

    /// The picture as PNG bytes.
    public static func png(width: Int, height: Int, seed: UInt64) throws -> [UInt8] {
        let pixels = try rgbPixels(width: width, height: height, seed: seed)
        return try PNGEncoder.encodeRGB(pixels, width: width, height: height)
    }

    /// The picture as RGB triples, row by row.
    static func rgbPixels(width: Int, height: Int, seed: UInt64) throws(InvalidSizeError) -> [UInt8] {
        guard (1...maxSide).contains(width), (1...maxSide).contains(height) else {
            throw InvalidSizeError(width: width, height: height)
        }
        var random = SplitMix64(seed: seed)
        var canvas = RGBCanvas(width: width, height: height)
        let baseHue = Double(random.next() % 360) / 360
        let corners = [0.0, 0.12, 0.45, 0.6].map { offset in
            RGB(hue: baseHue + offset, saturation: 0.45 + Double(random.next() % 30) / 100, value: 0.6 + Double(random.next() % 35) / 100)
        }
        canvas.fillGradient(topLeft: corners[0], topRight: corners[1], bottomLeft: corners[2], bottomRight: corners[3])

        let shortSide = min(width, height)
        let shapeCount = 3 + Int(random.next() % 4)
        for _ in 0..<shapeCount {
            let centerX = width * (10 + Int(random.next() % 81)) / 100
            let centerY = height * (10 + Int(random.next() % 81)) / 100
            let size = max(1, shortSide * (8 + Int(random.next() % 23)) / 100)
            let colour = RGB(hue: baseHue + 0.5 + Double(random.next() % 40) / 100, saturation: 0.8, value: 0.95)
            let alpha = 150 + Int(random.next() % 80)
            if random.next() % 3 == 0 {
                let halfWidth = size, halfHeight = max(1, size * (40 + Int(random.next() % 80)) / 100)
                canvas.blendRectangle(
                    x: centerX - halfWidth, y: centerY - halfHeight, width: 2 * halfWidth, height: 2 * halfHeight,
                    colour: colour, alpha: alpha)
            } else {
                canvas.blendCircle(centerX: centerX, centerY: centerY, radius: size, colour: colour, alpha: alpha)
            }
        }
        return canvas.pixels
    }
}
