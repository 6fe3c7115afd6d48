/// An 8-bit colour.
struct RGB: Equatable, Sendable {
    var red: Int
    var green: Int
    var blue: Int

    init(red: Int, green: Int, blue: Int) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// From HSV in 0...1 (hue wraps around).
    init(hue: Double, saturation: Double, value: Double) {
        let h = (hue - hue.rounded(.down)) * 6
        let sector = Int(h) % 6
        let fraction = h - Double(Int(h))
        let p = value * (1 - saturation), q = value * (1 - saturation * fraction), t = value * (1 - saturation * (1 - fraction))
        let (r, g, b): (Double, Double, Double) = switch sector {
        case 0: (value, t, p)
        case 1: (q, value, p)
        case 2: (p, value, t)
        case 3: (p, q, value)
        case 4: (t, p, value)
        default: (value, p, q)
        }
        self.init(red: Int(r * 255), green: Int(g * 255), blue: Int(b * 255))
    }

    /// Linear mix, `weight` in 0...256 (fixed point, 256 = all `other`).
    func mixed(with other: RGB, weight: Int) -> RGB {
        RGB(
            red: red + (other.red - red) * weight / 256,
            green: green + (other.green - green) * weight / 256,
            blue: blue + (other.blue - blue) * weight / 256)
    }
}

/// A row-major RGB pixel buffer with the few drawing operations sample pictures need, written
/// as tight loops because result images can be 4096 pixels a side.
struct RGBCanvas {
    let width: Int
    let height: Int
    private(set) var pixels: [UInt8]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: 0, count: width * height * 3)
    }

    mutating func fillGradient(topLeft: RGB, topRight: RGB, bottomLeft: RGB, bottomRight: RGB) {
        let width = self.width, height = self.height
        let columnWeights = (0..<width).map { width > 1 ? $0 * 256 / (width - 1) : 0 }
        pixels.withUnsafeMutableBufferPointer { buffer in
            for y in 0..<height {
                let rowWeight = height > 1 ? y * 256 / (height - 1) : 0
                let left = topLeft.mixed(with: bottomLeft, weight: rowWeight)
                let right = topRight.mixed(with: bottomRight, weight: rowWeight)
                var offset = y * width * 3
                for weight in columnWeights {
                    buffer[offset] = UInt8(clamping: left.red + (right.red - left.red) * weight / 256)
                    buffer[offset + 1] = UInt8(clamping: left.green + (right.green - left.green) * weight / 256)
                    buffer[offset + 2] = UInt8(clamping: left.blue + (right.blue - left.blue) * weight / 256)
                    offset += 3
                }
            }
        }
    }

    mutating func blendRectangle(x: Int, y: Int, width spanWidth: Int, height spanHeight: Int, colour: RGB, alpha: Int) {
        let top = max(0, y), bottom = min(height, y + spanHeight)
        guard top < bottom else { return }
        for row in top..<bottom {
            blendSpan(row: row, from: x, to: x + spanWidth, colour: colour, alpha: alpha)
        }
    }

    mutating func blendCircle(centerX: Int, centerY: Int, radius: Int, colour: RGB, alpha: Int) {
        let top = max(0, centerY - radius), bottom = min(height - 1, centerY + radius)
        guard top <= bottom else { return }
        for row in top...bottom {
            let dy = row - centerY
            let halfWidth = Int(Double(radius * radius - dy * dy).squareRoot())
            blendSpan(row: row, from: centerX - halfWidth, to: centerX + halfWidth + 1, colour: colour, alpha: alpha)
        }
    }

    /// Blends `colour` over the pixels [from, to) of one row; alpha in 0...255.
    private mutating func blendSpan(row: Int, from: Int, to: Int, colour: RGB, alpha: Int) {
        let start = max(0, from), end = min(width, to)
        guard start < end else { return }
        let keep = 255 - alpha
        let red = colour.red * alpha, green = colour.green * alpha, blue = colour.blue * alpha
        let rowOffset = row * width * 3
        pixels.withUnsafeMutableBufferPointer { buffer in
            for offset in stride(from: rowOffset + start * 3, to: rowOffset + end * 3, by: 3) {
                buffer[offset] = UInt8((red + Int(buffer[offset]) * keep + 127) / 255)
                buffer[offset + 1] = UInt8((green + Int(buffer[offset + 1]) * keep + 127) / 255)
                buffer[offset + 2] = UInt8((blue + Int(buffer[offset + 2]) * keep + 127) / 255)
            }
        }
    }
}
