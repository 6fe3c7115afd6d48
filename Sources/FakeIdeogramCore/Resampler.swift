/// Enlarges (or shrinks) RGB pixels by bilinear interpolation: each output pixel's centre is
/// mapped into the source and the four source pixels around it are mixed by distance. Fixed
/// point (1/256 steps), rows and columns precomputed: results can be 4096 pixels a side.
enum Resampler {
    /// `pixels` holds `width * height` RGB triples, row by row; so does the result.
    static func bilinearRGB(_ pixels: [UInt8], width: Int, height: Int, toWidth: Int, toHeight: Int) -> [UInt8] {
        let columns = taps(from: width, to: toWidth)
        let rows = taps(from: height, to: toHeight)
        let sourceStride = width * 3
        return [UInt8](unsafeUninitializedCapacity: toWidth * toHeight * 3) { output, initialized in
            pixels.withUnsafeBufferPointer { input in
                var target = 0
                for row in rows {
                    let upper = row.near * sourceStride, lower = row.far * sourceStride
                    let down = row.weight, up = 256 - down
                    for column in columns {
                        let left = column.near * 3, right = column.far * 3
                        let across = column.weight, back = 256 - across
                        for channel in 0..<3 {
                            let top = Int(input[upper + left + channel]) * back + Int(input[upper + right + channel]) * across
                            let bottom = Int(input[lower + left + channel]) * back + Int(input[lower + right + channel]) * across
                            output[target + channel] = UInt8((top * up + bottom * down + 32768) >> 16)
                        }
                        target += 3
                    }
                }
            }
            initialized = toWidth * toHeight * 3
        }
    }

    /// The two source positions an output position falls between and the far one's weight (0...256).
    private struct Tap {
        var near: Int
        var far: Int
        var weight: Int
    }

    private static func taps(from sourceSize: Int, to targetSize: Int) -> [Tap] {
        let ratio = Double(sourceSize) / Double(targetSize)
        return (0..<targetSize).map { index in
            let position = min(max((Double(index) + 0.5) * ratio - 0.5, 0), Double(sourceSize - 1))
            let near = Int(position)
            return Tap(near: near, far: min(near + 1, sourceSize - 1), weight: Int(((position - Double(near)) * 256).rounded()))
        }
    }
}
