/// Packed RGB widened to RGBA for libchafa: its scaler shears a picture whose RGB rows are not
/// a multiple of 4 bytes long (seen with 213-pixel rows: diagonal grey bands), and 4-byte
/// pixels always are. Both the cell and the pixel renderers hand chafa these.
enum RGBAPixels {
    static func widened(_ rgb: [UInt8], width: Int, height: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: width * height * 4) { out, initialized in
            rgb.withUnsafeBufferPointer { input in
                for i in 0..<(width * height) {
                    out[i * 4] = input[i * 3]
                    out[i * 4 + 1] = input[i * 3 + 1]
                    out[i * 4 + 2] = input[i * 3 + 2]
                    out[i * 4 + 3] = 255
                }
            }
            initialized = width * height * 4
        }
    }
}
