import CChafa

/// Pixels to character cells with libchafa's canvas: chafa picks each cell's symbol and its two
/// colours; this reads them back with `chafa_canvas_get_char_at` and
/// `chafa_canvas_get_raw_colors_at`.
enum CellRenderer {
    /// The cell grid an image of this size gets inside `columns` × `rows`, aspect kept (cells
    /// are `cellAspect` as wide as tall). Never enlarges an image that already fits.
    static func grid(imageWidth: Int, imageHeight: Int, columns: Int, rows: Int, cellAspect: Double) -> (columns: Int, rows: Int) {
        var width = gint(max(1, columns)), height = gint(max(1, rows))
        chafa_calc_canvas_geometry(gint(max(1, imageWidth)), gint(max(1, imageHeight)), &width, &height,
                                   gfloat(cellAspect), 0, 0)
        return (max(1, Int(width)), max(1, Int(height)))
    }

    /// Source pixels per cell worth decoding: chafa samples each cell as 8×8 pixels; half
    /// blocks only need a quarter of that in each direction to come out the same.
    static func wantedPixels(columns: Int, rows: Int, symbols: PreviewSymbols, colors: PreviewColorMode) -> PixelSize {
        let perCell = symbols == .dense || colors == .none ? (8, 16) : (4, 8)
        return PixelSize(width: columns * perCell.0, height: rows * perCell.1)
    }

    /// The size chafa samples a grid at: 8×8 pixels a cell, the cell being twice as tall as
    /// wide on screen, hence 8×16 source pixels. Images larger than twice this are shrunk
    /// before chafa sees them; smaller ones go as they are (shrinking them further would make
    /// chafa enlarge and blur them again).
    static func samplingPixels(columns: Int, rows: Int) -> PixelSize {
        PixelSize(width: columns * 8, height: rows * 16)
    }

    /// `pixels` is packed RGB, `width` × `height`.
    static func render(pixels: [UInt8], width: Int, height: Int, columns: Int, rows: Int,
                       colors: PreviewColorMode, symbols: PreviewSymbols) throws(PreviewError) -> [PreviewCell] {
        guard let symbolMap = chafa_symbol_map_new() else { throw .renderingFailed }
        defer { chafa_symbol_map_unref(symbolMap) }
        switch (colors, symbols) {
        case (.none, _):
            chafa_symbol_map_add_by_tags(symbolMap, ChafaSymbolTags(CHAFA_SYMBOL_TAG_ASCII.rawValue | CHAFA_SYMBOL_TAG_SPACE.rawValue))
        case (_, .half):
            // VHALF is chafa's name for the upper and lower half blocks (▀ ▄).
            chafa_symbol_map_add_by_tags(symbolMap, ChafaSymbolTags(CHAFA_SYMBOL_TAG_VHALF.rawValue | CHAFA_SYMBOL_TAG_SPACE.rawValue))
        case (_, .dense):
            // chafa's own default: block + border + space, without wide or inverted symbols.
            chafa_symbol_map_add_by_tags(symbolMap, ChafaSymbolTags(
                CHAFA_SYMBOL_TAG_BLOCK.rawValue | CHAFA_SYMBOL_TAG_BORDER.rawValue | CHAFA_SYMBOL_TAG_SPACE.rawValue))
        }
        chafa_symbol_map_remove_by_tags(symbolMap, ChafaSymbolTags(
            CHAFA_SYMBOL_TAG_WIDE.rawValue | CHAFA_SYMBOL_TAG_INVERTED.rawValue
                | CHAFA_SYMBOL_TAG_AMBIGUOUS.rawValue | CHAFA_SYMBOL_TAG_UGLY.rawValue))

        guard let config = chafa_canvas_config_new() else { throw .renderingFailed }
        defer { chafa_canvas_config_unref(config) }
        chafa_canvas_config_set_geometry(config, gint(columns), gint(rows))
        chafa_canvas_config_set_canvas_mode(config, canvasMode(colors))
        chafa_canvas_config_set_symbol_map(config, symbolMap)
        chafa_canvas_config_set_dither_mode(config, CHAFA_DITHER_MODE_NONE)
        // With half blocks, chafa's most thorough setting is also its fastest (its exhaustive
        // path for two symbols beats the approximate one: 2.5 ms against 10 ms for 80×30 cells
        // here, same cells). With many symbols the thorough search costs 4×: stay at chafa's default.
        chafa_canvas_config_set_work_factor(config, symbols == .half && colors != .none ? 1.0 : 0.5)

        guard let canvas = chafa_canvas_new(config) else { throw .renderingFailed }
        defer { chafa_canvas_unref(canvas) }
        RGBAPixels.widened(pixels, width: width, height: height).withUnsafeBufferPointer { buffer in
            chafa_canvas_draw_all_pixels(canvas, CHAFA_PIXEL_RGBA8_UNASSOCIATED, buffer.baseAddress, gint(width), gint(height), gint(width * 4))
        }

        var cells: [PreviewCell] = []
        cells.reserveCapacity(columns * rows)
        for y in 0..<rows {
            for x in 0..<columns {
                let code = chafa_canvas_get_char_at(canvas, gint(x), gint(y))
                var foreground: gint = 0, background: gint = 0
                chafa_canvas_get_raw_colors_at(canvas, gint(x), gint(y), &foreground, &background)
                let symbol = Unicode.Scalar(UInt32(code)).map { Character($0) } ?? " "
                cells.append(PreviewCell(symbol: code == 0 ? " " : symbol,
                                         foreground: color(foreground, mode: colors),
                                         background: color(background, mode: colors)))
            }
        }
        return cells
    }

    static func canvasMode(_ colors: PreviewColorMode) -> ChafaCanvasMode {
        switch colors {
        case .truecolor: CHAFA_CANVAS_MODE_TRUECOLOR
        case .indexed256: CHAFA_CANVAS_MODE_INDEXED_240
        case .indexed16: CHAFA_CANVAS_MODE_INDEXED_16
        case .none: CHAFA_CANVAS_MODE_FGBG
        }
    }

    /// chafa's raw colours: packed 0xRRGGBB in true colour, a palette index otherwise; negative
    /// (or 256 and up: chafa's "transparent" and fg/bg pseudo-entries) means no colour.
    static func color(_ raw: gint, mode: PreviewColorMode) -> PreviewColor {
        switch mode {
        case .none:
            return .terminalDefault
        case .truecolor:
            guard raw >= 0 else { return .terminalDefault }
            let value = UInt32(raw)
            return .rgb(UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF))
        case .indexed256, .indexed16:
            guard raw >= 0, raw < 256 else { return .terminalDefault }
            return .indexed(UInt8(raw))
        }
    }
}
