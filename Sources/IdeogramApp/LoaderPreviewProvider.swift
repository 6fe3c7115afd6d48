import AppLoop
import ImagePreview
import NIOConcurrencyHelpers
import TerminalUI

/// Gives the UI its previews through ImagePreview: one `PreviewLoader` per slot (a loader is
/// "latest request wins", so the file pane and the two results views never cancel each other)
/// over one shared, bounded `PreviewCache`, and one `DecodedImageCache` holding the full-size
/// pixels the loupe pans over (shared, so a result zoomed in one view and then another is
/// decoded once).
public final class LoaderPreviewProvider: PreviewProvider {
    private let loaders: [PreviewSlot: PreviewLoader]
    let decodedImages: DecodedImageCache
    private let colors: NIOLockedValueBox<PreviewColorMode>
    private let pixels: PixelProtocol?
    private let cellPixels: @Sendable () -> (width: Int, height: Int)

    /// `colors` is what the environment asks for (`PreviewColorMode.preferred`); the terminal's
    /// palette may lower it once known. The UI has no 24-bit colours, so true colour becomes 256.
    /// With `pixels`, pictures are made as that protocol's graphics at the cell size
    /// `cellPixels` gives when each is asked for (a font change follows at the next load).
    public init(colors: PreviewColorMode, cache: PreviewCache = PreviewCache(capacity: 64), pixels: PixelProtocol? = nil,
                cellPixels: @escaping @Sendable () -> (width: Int, height: Int) = { PixelEncoding.fallbackCell }) {
        self.pixels = pixels
        self.cellPixels = cellPixels
        let decodedImages = DecodedImageCache()
        var loaders: [PreviewSlot: PreviewLoader] = [:]
        for slot in PreviewSlot.allCases {
            loaders[slot] = PreviewLoader(cache: cache, decodedImages: decodedImages, label: "preview-\(slot.rawValue)")
        }
        self.loaders = loaders
        self.decodedImages = decodedImages
        self.colors = NIOLockedValueBox(colors == .truecolor ? .indexed256 : colors)
    }

    public var colorMode: PreviewColorMode { colors.withLockedValue { $0 } }

    public func useTerminalColors(_ count: Int) {
        colors.withLockedValue { mode in mode = Self.mode(mode, palette: count) }
    }

    /// No more colours than the terminal has: none without colour, 16 below 256.
    static func mode(_ wanted: PreviewColorMode, palette: Int) -> PreviewColorMode {
        if palette < 8 { return .none }
        if palette < 256 && wanted != .none { return .indexed16 }
        return wanted
    }

    public func cached(_ slot: PreviewSlot, _ key: PreviewRequestKey) -> PreviewOutcome? {
        loaders[slot]?.cached(request(key)).map(PreviewConversion.outcome)
    }

    public func load(_ slot: PreviewSlot, _ key: PreviewRequestKey) async -> PreviewOutcome? {
        guard let loader = loaders[slot] else { return nil }
        let result = await loader.load(request(key))
        if case .failure(.cancelled) = result { return nil }
        return PreviewConversion.outcome(result)
    }

    public func cancel(_ slot: PreviewSlot) {
        loaders[slot]?.cancel()
    }

    private func request(_ key: PreviewRequestKey) -> PreviewRequest {
        var options = PreviewOptions(colors: colorMode, symbols: .half)
        if let pixels {
            let cell = cellPixels()
            options.pixels = PixelEncoding(pixelProtocol: pixels, cellWidth: cell.width, cellHeight: cell.height)
        }
        options.region = key.region.map { ImageRegion(x: $0.x, y: $0.y, width: $0.width, height: $0.height) }
        return PreviewRequest(path: key.path.bytes, columns: key.columns, rows: key.rows, options: options)
    }
}
