import CWebP

/// WEBP through libwebp: still images (lossy, lossless, with alpha) with the incremental
/// decoder, fed in slices so a superseded decode stops early, and scaled by libwebp when the
/// picture is much larger than the preview needs. Animated files (which libwebp's still-image
/// decoder refuses) show their first frame, composed by libwebpdemux's animation decoder.
enum WebPDecoder {
    static let sliceSize = 128 * 1024

    static func decode(_ data: UnsafeRawBufferPointer, cancellation: PreviewCancellation?,
                       plan: (ImageHeader) throws(PreviewError) -> DecodeTarget) throws(PreviewError) -> DecodedImage {
        guard let base = data.baseAddress?.assumingMemoryBound(to: UInt8.self) else { throw .truncated(.webp) }
        var features = WebPBitstreamFeatures()
        let status = WebPGetFeatures(base, data.count, &features)
        guard status == VP8_STATUS_OK else { throw failure(status) }
        var header = ImageHeader(format: .webp, width: Int(features.width), height: Int(features.height),
                                 hasAlpha: features.has_alpha != 0)
        if features.format == 1 { header.traits.append("lossy") } else if features.format == 2 { header.traits.append("lossless") }
        if features.has_alpha != 0 { header.traits.append("alpha") }
        if features.has_animation != 0 {
            header.traits.append("animated")
            return try decodeFirstFrame(data, header: header, cancellation: cancellation, plan: plan)
        }
        let wanted = try plan(header).minimum
        return try decodeStill(base, count: data.count, header: header, wanted: wanted, cancellation: cancellation)
    }

    private static func decodeStill(_ base: UnsafePointer<UInt8>, count: Int, header: ImageHeader, wanted: PixelSize,
                                    cancellation: PreviewCancellation?) throws(PreviewError) -> DecodedImage {
        guard header.width > 0, header.height > 0 else { throw .empty(.webp) }
        // libwebp keeps pointers into the configuration while the incremental decoder lives.
        let config = UnsafeMutablePointer<WebPDecoderConfig>.allocate(capacity: 1)
        defer { config.deallocate() }
        config.initialize(to: WebPDecoderConfig())
        guard WebPInitDecoderConfig(config) != 0 else { throw .corrupt(.webp, "libwebp version mismatch") }

        var width = header.width, height = header.height
        // Let libwebp scale down when the picture is more than twice what the preview needs.
        let factor = max(Double(wanted.width) / Double(width), Double(wanted.height) / Double(height))
        if factor < 0.5 {
            width = max(1, Int((Double(width) * factor).rounded(.up)))
            height = max(1, Int((Double(height) * factor).rounded(.up)))
            config.pointee.options.use_scaling = 1
            config.pointee.options.scaled_width = Int32(width)
            config.pointee.options.scaled_height = Int32(height)
        }
        let channels = header.hasAlpha ? 4 : 3
        let stride = width * channels
        let byteCount = stride * height
        var outcome: PreviewError? = nil
        let pixels = [UInt8](unsafeUninitializedCapacity: byteCount) { buffer, initialized in
            initialized = 0
            config.pointee.output.colorspace = header.hasAlpha ? MODE_RGBA : MODE_RGB
            config.pointee.output.is_external_memory = 1
            config.pointee.output.u.RGBA.rgba = buffer.baseAddress
            config.pointee.output.u.RGBA.stride = Int32(stride)
            config.pointee.output.u.RGBA.size = byteCount
            guard let decoder = WebPIDecode(nil, 0, config) else {
                outcome = .corrupt(.webp, "libwebp could not start")
                return
            }
            defer {
                WebPIDelete(decoder)
                WebPFreeDecBuffer(&config.pointee.output)
            }
            var offset = 0
            while true {
                if let cancellation, cancellation.isCancelled { outcome = .cancelled; return }
                let slice = min(sliceSize, count - offset)
                let status = WebPIAppend(decoder, base + offset, slice)
                offset += slice
                if status == VP8_STATUS_OK { break }
                if status != VP8_STATUS_SUSPENDED { outcome = failure(status); return }
                if offset >= count { outcome = .truncated(.webp); return }
            }
            initialized = byteCount
        }
        if let outcome { throw outcome }
        return DecodedImage(header: header, width: width, height: height, channels: channels, pixels: pixels)
    }

    private static func decodeFirstFrame(_ data: UnsafeRawBufferPointer, header: ImageHeader, cancellation: PreviewCancellation?,
                                         plan: (ImageHeader) throws(PreviewError) -> DecodeTarget) throws(PreviewError) -> DecodedImage {
        var header = header
        // The canvas size (from VP8X) is checked before the animation decoder allocates it.
        _ = try plan(header)
        if data.count >= 8 {
            let declared = Int(data[4]) | Int(data[5]) << 8 | Int(data[6]) << 16 | Int(data[7]) << 24
            if declared + 8 > data.count { throw .truncated(.webp) }
        }
        var options = WebPAnimDecoderOptions()
        guard WebPAnimDecoderOptionsInit(&options) != 0 else { throw .corrupt(.webp, "libwebp version mismatch") }
        options.color_mode = MODE_RGBA
        options.use_threads = 0
        var webpData = WebPData(bytes: data.baseAddress?.assumingMemoryBound(to: UInt8.self), size: data.count)
        guard let decoder = WebPAnimDecoderNew(&webpData, &options) else {
            throw .corrupt(.webp, "the animation's container is truncated or malformed")
        }
        defer { WebPAnimDecoderDelete(decoder) }
        var info = WebPAnimInfo()
        guard WebPAnimDecoderGetInfo(decoder, &info) != 0 else { throw .corrupt(.webp, "unreadable animation header") }
        header.frameCount = Int(info.frame_count)
        let width = Int(info.canvas_width), height = Int(info.canvas_height)
        guard width > 0, height > 0, info.frame_count > 0 else { throw .empty(.webp) }
        try cancellation?.check()
        var frame: UnsafeMutablePointer<UInt8>? = nil
        var timestamp: Int32 = 0
        guard WebPAnimDecoderGetNext(decoder, &frame, &timestamp) != 0, let frame else {
            throw .corrupt(.webp, "the first frame of the animation cannot be decoded")
        }
        let pixels = Array(UnsafeBufferPointer(start: frame, count: width * height * 4))
        return DecodedImage(header: header, width: width, height: height, channels: 4, pixels: pixels)
    }

    private static func failure(_ status: VP8StatusCode) -> PreviewError {
        switch status {
        case VP8_STATUS_NOT_ENOUGH_DATA: .truncated(.webp)
        case VP8_STATUS_OUT_OF_MEMORY: .corrupt(.webp, "out of memory")
        case VP8_STATUS_UNSUPPORTED_FEATURE: .corrupt(.webp, "uses a feature libwebp does not support")
        case VP8_STATUS_BITSTREAM_ERROR: .corrupt(.webp, "the bitstream is malformed")
        case VP8_STATUS_INVALID_PARAM: .corrupt(.webp, "invalid parameters")
        default: .corrupt(.webp, "libwebp status \(status.rawValue)")
        }
    }
}
