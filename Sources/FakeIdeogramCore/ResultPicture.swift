import NIOCore

/// What a result URL serves: the uploaded source decoded and enlarged by bilinear resampling to
/// the resolution the answer reported, as PNG, so comparing source and result means something.
enum ResultPicture {
    enum Failure: Error, CustomStringConvertible {
        case undecodable(String)
        case encoding(String)

        var description: String {
            switch self {
            case .undecodable(let reason): "the source could not be decoded: \(reason)"
            case .encoding(let reason): "the result could not be encoded: \(reason)"
            }
        }
    }

    static func png(from source: ByteBuffer, width: Int, height: Int) throws(Failure) -> [UInt8] {
        let decoded: DecodedSource
        do {
            decoded = try source.withUnsafeReadableBytes { raw in
                Result { () throws(SourceDecoder.Failure) -> DecodedSource in try SourceDecoder.decodeRGB(raw) }
            }.get()
        } catch {
            throw .undecodable(error.description)
        }
        let pixels = Resampler.bilinearRGB(decoded.pixels, width: decoded.width, height: decoded.height,
                                           toWidth: width, toHeight: height)
        do {
            return try PNGEncoder.encodeRGB(pixels, width: width, height: height)
        } catch {
            throw .encoding(error.description)
        }
    }
}
