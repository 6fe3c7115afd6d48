import CChafa

/// Pixels to terminal graphics with libchafa's pixel modes (sixel, kitty, iTerm2): chafa scales
/// the picture to the cells' pixels and writes the escape output through its fallback terminal
/// description, which knows all three protocols' sequences.
enum PixelRenderer {
    /// The cells a picture of this size covers inside `columns` × `rows` at the cell size, aspect
    /// kept within half a cell. A picture smaller than the box keeps its own size (never enlarged).
    static func grid(imageWidth: Int, imageHeight: Int, columns: Int, rows: Int, encoding: PixelEncoding) -> (columns: Int, rows: Int) {
        let boxWidth = Double(max(1, columns) * encoding.cellWidth), boxHeight = Double(max(1, rows) * encoding.cellHeight)
        let width = Double(max(1, imageWidth)), height = Double(max(1, imageHeight))
        let scale = min(boxWidth / width, boxHeight / height, 1)
        let cellsWide = Int((width * scale / Double(encoding.cellWidth)).rounded())
        let cellsTall = Int((height * scale / Double(encoding.cellHeight)).rounded())
        return (min(max(1, cellsWide), max(1, columns)), min(max(1, cellsTall), max(1, rows)))
    }

    /// The pixels a grid of cells covers: what is worth decoding, and what chafa scales to.
    static func pixels(columns: Int, rows: Int, encoding: PixelEncoding) -> PixelSize {
        PixelSize(width: columns * encoding.cellWidth, height: rows * encoding.cellHeight)
    }

    /// `pixels` is packed RGB, `width` × `height`; the output covers `columns` × `rows` cells.
    static func encode(pixels: [UInt8], width: Int, height: Int, columns: Int, rows: Int,
                       encoding: PixelEncoding) throws(PreviewError) -> EncodedPixels {
        guard let config = chafa_canvas_config_new() else { throw .renderingFailed }
        defer { chafa_canvas_config_unref(config) }
        chafa_canvas_config_set_geometry(config, gint(columns), gint(rows))
        chafa_canvas_config_set_cell_geometry(config, gint(encoding.cellWidth), gint(encoding.cellHeight))
        chafa_canvas_config_set_canvas_mode(config, CHAFA_CANVAS_MODE_TRUECOLOR)
        chafa_canvas_config_set_pixel_mode(config, pixelMode(encoding.pixelProtocol))
        chafa_canvas_config_set_dither_mode(config, CHAFA_DITHER_MODE_NONE)

        guard let canvas = chafa_canvas_new(config) else { throw .renderingFailed }
        defer { chafa_canvas_unref(canvas) }
        let rgba = RGBAPixels.widened(pixels, width: width, height: height)
        rgba.withUnsafeBufferPointer { buffer in
            chafa_canvas_draw_all_pixels(canvas, CHAFA_PIXEL_RGBA8_UNASSOCIATED, buffer.baseAddress, gint(width), gint(height), gint(width * 4))
        }
        guard let termDB = chafa_term_db_get_default(), let termInfo = chafa_term_db_get_fallback_info(termDB) else {
            throw .renderingFailed
        }
        defer { chafa_term_info_unref(termInfo) }
        guard let printed = chafa_canvas_print(canvas, termInfo) else { throw .renderingFailed }
        let bytes = [UInt8](UnsafeRawBufferPointer(start: printed.pointee.str, count: Int(printed.pointee.len)))
        g_string_free(printed, 1)
        let size = Self.pixels(columns: columns, rows: rows, encoding: encoding)
        return EncodedPixels(pixelProtocol: encoding.pixelProtocol, bytes: bytes, pixelWidth: size.width, pixelHeight: size.height)
    }

    static func pixelMode(_ pixelProtocol: PixelProtocol) -> ChafaPixelMode {
        switch pixelProtocol {
        case .kitty: CHAFA_PIXEL_MODE_KITTY
        case .sixel: CHAFA_PIXEL_MODE_SIXELS
        case .iterm2: CHAFA_PIXEL_MODE_ITERM2
        }
    }
}
