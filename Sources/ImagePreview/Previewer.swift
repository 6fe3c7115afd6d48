#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The preview pipeline, synchronous: read the file, sniff the format, read the header, refuse
/// what is too large, decode at the size needed, composite transparency over a checkerboard,
/// turn the pixels into cells. Cancellation is checked between every stage and inside the
/// decoders (between JPEG scanlines and progressive scans, PNG rows, WEBP slices). Call it off
/// the UI thread; `PreviewLoader` does.
public enum Previewer {
    /// Boxes are clamped to this many columns and rows (chafa holds 8×8 pixels a cell).
    public static let maxCells = 500

    /// A preview of the file at `path` fitting in `columns` × `rows` cells.
    public static func preview(path: [UInt8], columns: Int, rows: Int, options: PreviewOptions = PreviewOptions(),
                               cancellation: PreviewCancellation? = nil) throws(PreviewError) -> PreviewImage {
        try cancellation?.check()
        let file = try FileBytes.read(path: path, limit: options.maxFileBytes, cancellation: cancellation)
        return try preview(data: file.bytes, fileSize: file.size, columns: columns, rows: rows, options: options,
                           cancellation: cancellation)
    }

    public static func preview(path: String, columns: Int, rows: Int, options: PreviewOptions = PreviewOptions(),
                               cancellation: PreviewCancellation? = nil) throws(PreviewError) -> PreviewImage {
        try preview(path: Array(path.utf8), columns: columns, rows: rows, options: options, cancellation: cancellation)
    }

    /// A preview of an image held in memory.
    public static func preview(data: [UInt8], fileSize: Int64? = nil, columns: Int, rows: Int,
                               options: PreviewOptions = PreviewOptions(),
                               cancellation: PreviewCancellation? = nil) throws(PreviewError) -> PreviewImage {
        let maxColumns = min(max(1, columns), maxCells), maxRows = min(max(1, rows), maxCells)
        let decoded = try decode(data: data, columns: maxColumns, rows: maxRows, options: options, cancellation: cancellation)
        return try preview(decoded: decoded, fileSize: fileSize ?? Int64(data.count), columns: maxColumns, rows: maxRows,
                           options: options, cancellation: cancellation)
    }

    /// A preview of pixels `decode` gave for these options: the loupe crops its regions from
    /// full-size pixels kept between pan steps (`DecodedImageCache`).
    static func preview(decoded: DecodedImage, fileSize: Int64, columns: Int, rows: Int, options: PreviewOptions,
                        cancellation: PreviewCancellation?) throws(PreviewError) -> PreviewImage {
        let maxColumns = min(max(1, columns), maxCells), maxRows = min(max(1, rows), maxCells)
        var decoded = decoded
        try cancellation?.check()
        if let region = options.region {
            decoded = decoded.region(region, fitting: boxPixels(columns: maxColumns, rows: maxRows, options: options))
            try cancellation?.check()
        }
        if let encoding = options.pixels {
            return try pixelPreview(decoded, fileSize: fileSize, columns: maxColumns, rows: maxRows,
                                    options: options, encoding: encoding, cancellation: cancellation)
        }
        let shape = shape(decoded, options)
        let grid = CellRenderer.grid(imageWidth: shape.width, imageHeight: shape.height,
                                     columns: maxColumns, rows: maxRows, cellAspect: options.cellAspect)
        let small = decoded.downsampled(atLeast: CellRenderer.samplingPixels(columns: grid.columns, rows: grid.rows))
        try cancellation?.check()
        // A checker square two cells wide and one tall (about square on screen).
        let square = max(1, Int((Double(small.width) / Double(grid.columns) * 2).rounded()))
        let opaque = small.compositedOverChecker(square: square)
        try cancellation?.check()
        let cells = try CellRenderer.render(pixels: opaque.pixels, width: opaque.width, height: opaque.height,
                                            columns: grid.columns, rows: grid.rows,
                                            colors: options.colors, symbols: options.symbols)
        return PreviewImage(columns: grid.columns, rows: grid.rows, cells: cells, source: sourceInfo(decoded, fileSize),
                            colors: options.colors, symbols: options.symbols)
    }

    /// The decoded picture as terminal graphics over blank cells (what the UI draws under it).
    static func pixelPreview(_ decoded: DecodedImage, fileSize: Int64, columns: Int, rows: Int, options: PreviewOptions,
                             encoding: PixelEncoding, cancellation: PreviewCancellation?) throws(PreviewError) -> PreviewImage {
        let shape = shape(decoded, options)
        let grid = PixelRenderer.grid(imageWidth: shape.width, imageHeight: shape.height,
                                      columns: columns, rows: rows, encoding: encoding)
        let target = PixelRenderer.pixels(columns: grid.columns, rows: grid.rows, encoding: encoding)
        let small = decoded.downsampled(atLeast: target)
        try cancellation?.check()
        // Checker squares two cells wide, as in the cell previews.
        let square = max(1, small.width * 2 * encoding.cellWidth / max(1, target.width))
        let opaque = small.compositedOverChecker(square: square)
        try cancellation?.check()
        let pixels = try PixelRenderer.encode(pixels: opaque.pixels, width: opaque.width, height: opaque.height,
                                              columns: grid.columns, rows: grid.rows, encoding: encoding)
        try cancellation?.check()
        let blank = PreviewCell(symbol: " ", foreground: .terminalDefault, background: .terminalDefault)
        return PreviewImage(columns: grid.columns, rows: grid.rows, cells: Array(repeating: blank, count: grid.columns * grid.rows),
                            source: sourceInfo(decoded, fileSize), colors: options.colors, symbols: options.symbols, pixels: pixels)
    }

    /// The shape the picture's cells keep: the whole image's (a reduced decode may have lost a
    /// pixel's worth of it), or a region's as cut.
    static func shape(_ decoded: DecodedImage, _ options: PreviewOptions) -> PixelSize {
        options.region == nil ? PixelSize(width: decoded.header.width, height: decoded.header.height)
            : PixelSize(width: decoded.width, height: decoded.height)
    }

    /// The pixels a box of cells shows: the protocol's cell size, or half blocks' (one pixel
    /// wide, 1 / cellAspect tall) in character cells.
    static func boxPixels(columns: Int, rows: Int, options: PreviewOptions) -> PixelSize {
        if let encoding = options.pixels { return PixelRenderer.pixels(columns: columns, rows: rows, encoding: encoding) }
        return PixelSize(width: columns, height: max(1, Int((Double(rows) / max(0.1, options.cellAspect)).rounded())))
    }

    static func sourceInfo(_ decoded: DecodedImage, _ fileSize: Int64) -> PreviewSourceInfo {
        let header = decoded.header
        return PreviewSourceInfo(format: header.format, width: header.width, height: header.height,
                                 fileSize: fileSize, frameCount: header.frameCount, traits: header.traits)
    }

    /// Decodes at no less than the size a `columns` × `rows` preview needs (exposed for tests).
    static func decode(data: [UInt8], columns: Int, rows: Int, options: PreviewOptions,
                       cancellation: PreviewCancellation?) throws(PreviewError) -> DecodedImage {
        let plan = { (header: ImageHeader) throws(PreviewError) -> DecodeTarget in
            try cancellation?.check()
            let (pixels, overflow) = header.width.multipliedReportingOverflow(by: header.height)
            if overflow || pixels > options.maxPixels {
                throw .tooManyPixels(format: header.format, width: header.width, height: header.height, limit: options.maxPixels)
            }
            guard header.width > 0, header.height > 0 else { throw .empty(header.format) }
            // A region needs the image's own pixels: nothing reduced before the crop.
            if options.region != nil {
                let full = PixelSize(width: header.width, height: header.height)
                return DecodeTarget(minimum: full, sampling: full)
            }
            if let encoding = options.pixels {
                let grid = PixelRenderer.grid(imageWidth: header.width, imageHeight: header.height,
                                              columns: columns, rows: rows, encoding: encoding)
                let target = PixelRenderer.pixels(columns: grid.columns, rows: grid.rows, encoding: encoding)
                return DecodeTarget(minimum: target, sampling: target)
            }
            let grid = CellRenderer.grid(imageWidth: header.width, imageHeight: header.height,
                                         columns: columns, rows: rows, cellAspect: options.cellAspect)
            return DecodeTarget(
                minimum: CellRenderer.wantedPixels(columns: grid.columns, rows: grid.rows, symbols: options.symbols, colors: options.colors),
                sampling: CellRenderer.samplingPixels(columns: grid.columns, rows: grid.rows))
        }
        // withUnsafeBytes rethrows untyped errors: carry the typed one out in a Result.
        let result = data.withUnsafeBytes { bytes in
            Result { () throws(PreviewError) -> DecodedImage in
                switch FormatSniffer.format(of: bytes) {
                case .png: try PNGDecoder.decode(bytes, cancellation: cancellation, plan: plan)
                case .jpeg: try JPEGDecoder.decode(bytes, cancellation: cancellation, plan: plan)
                case .webp: try WebPDecoder.decode(bytes, cancellation: cancellation, plan: plan)
                case nil: throw PreviewError.unsupportedFormat
                }
            }
        }
        return try result.get()
    }
}

/// A file's bytes and the identity used by the cache.
struct FileBytes {
    var bytes: [UInt8]
    var size: Int64

    /// The file's modification time in nanoseconds and its size, or the reason it has none.
    static func stamp(path: [UInt8]) -> Result<(modified: Int64, size: Int64), PreviewError> {
        guard !path.isEmpty, !path.contains(0) else { return .failure(.unreadable("not a valid path")) }
        var info = stat()
        let result = withCString(path) { stat($0, &info) }
        guard result == 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failure(.notAFile) }
        return .success((modified(info), Int64(info.st_size)))
    }

    static func modified(_ info: stat) -> Int64 {
        #if canImport(Darwin)
        Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
    }

    static func read(path: [UInt8], limit: Int, cancellation: PreviewCancellation?) throws(PreviewError) -> FileBytes {
        guard !path.isEmpty, !path.contains(0) else { throw .unreadable("not a valid path") }
        // O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused just below).
        let fd = withCString(path) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard fd >= 0 else { throw .unreadable(String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .notAFile }
        let size = Int64(info.st_size)
        guard size <= Int64(limit) else { throw .fileTooLarge(bytes: size, limit: limit) }
        guard size > 0 else { throw .unsupportedFormat }
        let expected = Int(size)
        var failure: PreviewError? = nil
        let bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, initialized in
            var total = 0
            while total < expected {
                if let cancellation, cancellation.isCancelled { failure = .cancelled; break }
                let n = readBytes(fd, buffer.baseAddress! + total, min(expected - total, 4 * 1024 * 1024))
                if n > 0 {
                    total += n
                } else if n < 0 && errno == EINTR {
                    continue
                } else {
                    if n < 0 { failure = .unreadable(String(cString: strerror(errno))) }
                    break  // the file shrank while being read: decode what is there
                }
            }
            initialized = total
        }
        if let failure { throw failure }
        return FileBytes(bytes: bytes, size: size)
    }

    /// `bytes` must hold no NUL (callers check: no path can).
    static func withCString<R>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
        (bytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }
}

private func readBytes(_ fd: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    read(fd, buffer, count)
}
