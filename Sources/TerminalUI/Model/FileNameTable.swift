/// File names back to back in one buffer, with an offset per name: a folder of 100,000 names
/// is two allocations instead of 100,000 small arrays (each about 48 bytes of heap plus its
/// header), which kept a big folder's memory over 40 MB.
public struct FileNameTable: Hashable, Sendable {
    private var bytes: [UInt8] = []
    /// `starts[i]..<starts[i + 1]` is name `i` in `bytes`.
    private var starts: [UInt32] = [0]

    public init() {}

    public init(_ names: some Sequence<[UInt8]>) {
        for name in names { append(name) }
    }

    public var count: Int { starts.count - 1 }
    public var byteCount: Int { bytes.count }

    public mutating func reserveCapacity(names: Int, bytes byteCount: Int) {
        starts.reserveCapacity(names + 1)
        bytes.reserveCapacity(byteCount)
    }

    public mutating func append(_ name: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: name)
        starts.append(UInt32(bytes.count))
    }

    public mutating func append(_ name: [UInt8]) {
        name.withUnsafeBufferPointer { append($0) }
    }

    /// Name `index`'s bytes as a fresh array (for the few rows drawn, not for scans).
    public subscript(index: Int) -> [UInt8] {
        Array(bytes[Int(starts[index])..<Int(starts[index + 1])])
    }

    /// Scans over every name without copying: `body` gets the buffer and the offsets.
    func withStorage<R>(_ body: (_ bytes: UnsafeBufferPointer<UInt8>, _ starts: UnsafeBufferPointer<UInt32>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { bytes in
            try starts.withUnsafeBufferPointer { starts in try body(bytes, starts) }
        }
    }

    /// Name `index`'s bytes, without copying, for the duration of `body`.
    public func withName<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[Int(starts[index])..<Int(starts[index + 1])]))
        }
    }

    func firstByte(_ index: Int) -> UInt8? {
        let start = Int(starts[index])
        return start < Int(starts[index + 1]) ? bytes[start] : nil
    }
}
