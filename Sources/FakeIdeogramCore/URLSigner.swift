/// Signs result URLs (`sig=` over id and expiry) so a client that edits `exp` or invents an id
/// gets 404, as with the real signed URLs. SipHash-2-4 with a per-instance random key.
package struct URLSigner: Sendable {
    private let key0: UInt64
    private let key1: UInt64

    init(key0: UInt64, key1: UInt64) {
        self.key0 = key0
        self.key1 = key1
    }

    func signature(id: String, expiry: Int) -> String {
        let hash = sipHash24(Array("\(id)|\(expiry)".utf8))
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    func isValid(signature: String, id: String, expiry: Int) -> Bool {
        signature.lowercased() == self.signature(id: id, expiry: expiry)
    }

    private func sipHash24(_ message: [UInt8]) -> UInt64 {
        var v0: UInt64 = 0x736f_6d65_7073_6575 ^ key0
        var v1: UInt64 = 0x646f_7261_6e64_6f6d ^ key1
        var v2: UInt64 = 0x6c79_6765_6e65_7261 ^ key0
        var v3: UInt64 = 0x7465_6462_7974_6573 ^ key1

        func round() {
            v0 &+= v1; v1 = v1.rotatedLeft(13); v1 ^= v0; v0 = v0.rotatedLeft(32)
            v2 &+= v3; v3 = v3.rotatedLeft(16); v3 ^= v2
            v0 &+= v3; v3 = v3.rotatedLeft(21); v3 ^= v0
            v2 &+= v1; v1 = v1.rotatedLeft(17); v1 ^= v2; v2 = v2.rotatedLeft(32)
        }

        let fullWords = message.count / 8
        for word in 0..<fullWords {
            var m: UInt64 = 0
            for byte in 0..<8 { m |= UInt64(message[word * 8 + byte]) << (8 * UInt64(byte)) }
            v3 ^= m; round(); round(); v0 ^= m
        }
        var last = UInt64(message.count & 0xff) << 56
        for byte in 0..<(message.count % 8) {
            last |= UInt64(message[fullWords * 8 + byte]) << (8 * UInt64(byte))
        }
        v3 ^= last; round(); round(); v0 ^= last
        v2 ^= 0xff
        round(); round(); round(); round()
        return v0 ^ v1 ^ v2 ^ v3
    }
}

private extension UInt64 {
    func rotatedLeft(_ count: UInt64) -> UInt64 { (self << count) | (self >> (64 - count)) }
}
