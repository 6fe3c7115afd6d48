/// `z` in the larger and compare views: how far the pictures are zoomed.
public enum LoupeZoom: Int, Hashable, Sendable, CaseIterable {
    /// The whole picture fitted to its box (what the views show without the loupe).
    case fit = 0
    /// One result pixel to one screen pixel (a half block's half in character cells).
    case actual = 1
    /// Each result pixel two screen pixels wide and tall.
    case double = 2

    /// The next zoom `z` goes to: fit, 1:1, 2:1, fit again.
    public var next: LoupeZoom { LoupeZoom(rawValue: (rawValue + 1) % LoupeZoom.allCases.count) ?? .fit }

    /// "1:1", "2:1"; "fit".
    public var label: String { self == .fit ? "fit" : "\(rawValue):1" }
}

/// A width and height in image or screen pixels.
public struct PixelExtent: Hashable, Sendable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// What a character cell shows of a picture in half blocks: one pixel wide, two tall.
    public static let halfBlockCell = PixelExtent(width: 1, height: 2)
}

/// A rectangle of an image, in that image's own full-size pixels: what a zoomed slot asks for.
public struct PreviewRegion: Hashable, Sendable {
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
}

/// The loupe: the zoom and the point of the result (in its pixels) at the middle of the view,
/// shared by every picture of the larger and compare views so they show the same place.
public struct LoupeState: Hashable, Sendable {
    public var zoom: LoupeZoom = .fit
    /// Nil: the result's centre (`0` comes back here).
    public var centre: LoupePoint?
    /// A cell's size in screen pixels, as the last pixel picture said (half blocks until then).
    public var cellPixels: PixelExtent = .halfBlockCell

    public init(zoom: LoupeZoom = .fit, centre: LoupePoint? = nil, cellPixels: PixelExtent = .halfBlockCell) {
        self.zoom = zoom
        self.centre = centre
        self.cellPixels = cellPixels
    }

    public var isZoomed: Bool { zoom != .fit }
}

/// A point of the result image, in its pixels.
public struct LoupePoint: Hashable, Sendable {
    public var x: Int
    public var y: Int

    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

/// The loupe's arithmetic, pure: what part of the result a box shows, where the centre may go,
/// and the same part of another image (the source) scaled by the two images' sizes.
public enum LoupeMath {
    /// The result pixels a box of `columns` × `rows` cells shows at `zoom` (never more than the
    /// result has).
    public static func visible(columns: Int, rows: Int, zoom: LoupeZoom, cell: PixelExtent, result: PixelExtent) -> PixelExtent {
        let scale = max(1, zoom.rawValue)
        return PixelExtent(width: min(result.width, max(1, columns * cell.width / scale)),
                           height: min(result.height, max(1, rows * cell.height / scale)))
    }

    /// The centre moved (or not) so the visible part stays inside the result: panning stops at
    /// the edges. Nil centre: the result's middle.
    public static func clamp(_ centre: LoupePoint?, visible: PixelExtent, result: PixelExtent) -> LoupePoint {
        let wanted = centre ?? LoupePoint(x: result.width / 2, y: result.height / 2)
        func along(_ value: Int, _ seen: Int, _ total: Int) -> Int {
            let low = seen / 2, high = total - (seen - seen / 2)
            return min(max(value, low), max(low, high))
        }
        return LoupePoint(x: along(wanted.x, visible.width, result.width), y: along(wanted.y, visible.height, result.height))
    }

    /// The result's region around the (clamped) centre.
    public static func resultRegion(centre: LoupePoint, visible: PixelExtent) -> PreviewRegion {
        PreviewRegion(x: centre.x - visible.width / 2, y: centre.y - visible.height / 2, width: visible.width, height: visible.height)
    }

    /// The same place in an image of size `image`: the region scaled by the ratio of the two
    /// sizes (a smaller source gives a smaller region, enlarged to the same box), kept inside it.
    public static func mapped(_ region: PreviewRegion, from result: PixelExtent, to image: PixelExtent) -> PreviewRegion {
        guard result != image else { return region }
        func scale(_ value: Int, _ to: Int, _ from: Int) -> Int { Int((Double(value) * Double(to) / Double(max(1, from))).rounded()) }
        let width = min(image.width, max(1, scale(region.width, image.width, result.width)))
        let height = min(image.height, max(1, scale(region.height, image.height, result.height)))
        let x = min(max(0, scale(region.x, image.width, result.width)), image.width - width)
        let y = min(max(0, scale(region.y, image.height, result.height)), image.height - height)
        return PreviewRegion(x: x, y: y, width: width, height: height)
    }

    /// One pan step: a quarter of what the view shows.
    public static func step(_ visible: PixelExtent) -> PixelExtent {
        PixelExtent(width: max(1, visible.width / 4), height: max(1, visible.height / 4))
    }
}
