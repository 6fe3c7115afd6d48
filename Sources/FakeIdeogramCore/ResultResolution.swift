/// The size of an upscale result: the source scaled, the longest side capped, aspect kept.
struct ResultResolution: Equatable, Sendable, CustomStringConvertible {
    var width: Int
    var height: Int

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    init(sourceWidth: Int, sourceHeight: Int, scale: Int, maxSide: Int = FakeServiceConfiguration.maxResultSide) {
        let width = sourceWidth * scale, height = sourceHeight * scale
        let longest = max(width, height)
        guard longest > maxSide else {
            self.init(width: width, height: height)
            return
        }
        // Rounded integer scaling; the short side never drops below one pixel.
        func capped(_ side: Int) -> Int { max(1, (side * maxSide + longest / 2) / longest) }
        self.init(width: capped(width), height: capped(height))
    }

    /// "WxH", as in the answer's `resolution`.
    var description: String { "\(width)x\(height)" }
}
