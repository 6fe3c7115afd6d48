/// A rectangle of an image in its full-size pixels: the loupe's view of it. A preview with a
/// region shows only that part, scaled to fill the box (enlarged pixel by pixel when zoomed in).
public struct ImageRegion: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The part of this region inside an image of `width` × `height` (at least one pixel).
    func clamped(width imageWidth: Int, height imageHeight: Int) -> ImageRegion {
        let x = min(max(0, x), imageWidth - 1), y = min(max(0, y), imageHeight - 1)
        return ImageRegion(x: x, y: y, width: min(max(1, width), imageWidth - x), height: min(max(1, height), imageHeight - y))
    }
}

extension DecodedImage {
    /// `region` (in the full image's pixels, mapped onto these decoded pixels) resampled to fit
    /// `box` pixels, aspect kept. Nearest neighbour: enlarged pixels stay sharp squares, which
    /// is what a loupe is for.
    func region(_ region: ImageRegion, fitting box: PixelSize) -> DecodedImage {
        // The decoder may have reduced the image: scale the region to its pixels.
        let scaleX = Double(width) / Double(max(1, header.width)), scaleY = Double(height) / Double(max(1, header.height))
        let crop = ImageRegion(x: Int(Double(region.x) * scaleX), y: Int(Double(region.y) * scaleY),
                               width: Int((Double(region.width) * scaleX).rounded()), height: Int((Double(region.height) * scaleY).rounded()))
            .clamped(width: width, height: height)
        let fit = min(Double(box.width) / Double(crop.width), Double(box.height) / Double(crop.height))
        let outWidth = max(1, Int((Double(crop.width) * fit).rounded())), outHeight = max(1, Int((Double(crop.height) * fit).rounded()))
        let channels = self.channels
        let output = [UInt8](unsafeUninitializedCapacity: outWidth * outHeight * channels) { out, initialized in
            pixels.withUnsafeBufferPointer { input in
                var target = 0
                for outY in 0..<outHeight {
                    let y = crop.y + min(crop.height - 1, outY * crop.height / outHeight)
                    for outX in 0..<outWidth {
                        let x = crop.x + min(crop.width - 1, outX * crop.width / outWidth)
                        let source = (y * width + x) * channels
                        for c in 0..<channels { out[target + c] = input[source + c] }
                        target += channels
                    }
                }
            }
            initialized = outWidth * outHeight * channels
        }
        return DecodedImage(header: header, width: outWidth, height: outHeight, channels: channels, pixels: output)
    }
}
