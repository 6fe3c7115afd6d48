/// A folder's names, ASCII-folded to lower case, in one contiguous buffer with a start offset
/// and a flag byte per entry: the `/` filter scans this instead of 100,000 entries each with
/// its own heap-allocated name, which kept a keystroke in a big folder over 16 ms.
struct FoldedNames: Hashable, Sendable {
    /// Every folded name, back to back.
    private var bytes: [UInt8] = []
    /// `starts[i]..<starts[i + 1]` is entry `i`'s name in `bytes`.
    private var starts: [Int32] = [0]
    /// Per entry: `hidden` and the group bits, so filtering reads no `FileEntry`.
    private var flags: [UInt8] = []

    private static let hidden: UInt8 = 1
    private static let nonImage: UInt8 = 2

    init() {}

    init(_ entries: [FileEntry]) {
        var total = 0
        for entry in entries { total += entry.name.count }
        bytes.reserveCapacity(total)
        starts.reserveCapacity(entries.count + 1)
        flags.reserveCapacity(entries.count)
        for entry in entries {
            for byte in entry.name { bytes.append(FileEntry.fold(byte)) }
            starts.append(Int32(bytes.count))
            flags.append((entry.isHidden ? Self.hidden : 0) | (entry.group == 2 ? Self.nonImage : 0))
        }
    }

    var count: Int { flags.count }

    /// Indices, in order, of the entries shown with these settings.
    func visible(showHidden: Bool, hideNonImages: Bool, containing needle: [UInt8]) -> [Int] {
        let skip = (showHidden ? 0 : Self.hidden) | (hideNonImages ? Self.nonImage : 0)
        var result: [Int] = []
        result.reserveCapacity(needle.isEmpty ? count : min(count, 1024))
        bytes.withUnsafeBufferPointer { bytes in
            starts.withUnsafeBufferPointer { starts in
                flags.withUnsafeBufferPointer { flags in
                    needle.withUnsafeBufferPointer { needle in
                        for i in 0..<flags.count where flags[i] & skip == 0 {
                            if needle.isEmpty || Self.contains(bytes, from: Int(starts[i]), to: Int(starts[i + 1]), needle) {
                                result.append(i)
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    /// The subset of `indices` whose names contain `needle`: narrowing a filter searches only
    /// what the shorter filter matched.
    func filter(_ indices: [Int], containing needle: [UInt8]) -> [Int] {
        guard !needle.isEmpty else { return indices }
        var result: [Int] = []
        bytes.withUnsafeBufferPointer { bytes in
            starts.withUnsafeBufferPointer { starts in
                needle.withUnsafeBufferPointer { needle in
                    for i in indices where Self.contains(bytes, from: Int(starts[i]), to: Int(starts[i + 1]), needle) {
                        result.append(i)
                    }
                }
            }
        }
        return result
    }

    /// Byte substring search within `bytes[from..<to]`.
    @inline(__always)
    private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int,
                                 _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = needle.count
        guard to - from >= n else { return false }
        let first = needle[0]
        var i = from
        let last = to - n
        while i <= last {
            if bytes[i] == first {
                var j = 1
                while j < n && bytes[i + j] == needle[j] { j += 1 }
                if j == n { return true }
            }
            i += 1
        }
        return false
    }
}
