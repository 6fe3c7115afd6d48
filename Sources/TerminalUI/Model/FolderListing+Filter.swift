/// The `/` filter and the hidden/images-only switches, scanning the listing's one name buffer
/// and its byte per entry: no `FileEntry` is made and no folded copy of the names is kept
/// (folding a byte while comparing costs less than a second buffer of every name).
extension FolderListing {
    /// Positions, in order, of the entries shown with these settings. `needle` is folded.
    func visible(showHidden: Bool, hideNonImages: Bool, containing needle: [UInt8]) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(needle.isEmpty ? count : Swift.min(count, 1024))
        let skip = (showHidden ? 0 : Self.hiddenFlag)
        names.withStorage { bytes, starts in
            needle.withUnsafeBufferPointer { needle in
                for position in 0..<count {
                    let flags = flags(at: position)
                    if flags & skip != 0 || hideNonImages && Self.group(flags) == 2 { continue }
                    let id = Int(id(at: position))
                    if needle.isEmpty || Self.contains(bytes, from: Int(starts[id]), to: Int(starts[id + 1]), needle) {
                        result.append(position)
                    }
                }
            }
        }
        return result
    }

    /// The subset of `positions` whose names contain `needle`: narrowing a filter searches only
    /// what the shorter filter matched.
    func filter(_ positions: [Int], containing needle: [UInt8]) -> [Int] {
        guard !needle.isEmpty else { return positions }
        var result: [Int] = []
        names.withStorage { bytes, starts in
            needle.withUnsafeBufferPointer { needle in
                for position in positions {
                    let id = Int(id(at: position))
                    if Self.contains(bytes, from: Int(starts[id]), to: Int(starts[id + 1]), needle) { result.append(position) }
                }
            }
        }
        return result
    }

    /// The row (index into `positions`) of the first entry named `name`, byte for byte.
    func first(named name: [UInt8], among positions: [Int]) -> Int? {
        names.withStorage { bytes, starts in
            name.withUnsafeBufferPointer { name in
                positions.firstIndex { position in
                    let id = Int(id(at: position))
                    let start = Int(starts[id])
                    guard Int(starts[id + 1]) - start == name.count else { return false }
                    return memcmpEqual(bytes.baseAddress! + start, name.baseAddress, name.count)
                }
            }
        }
    }

    /// Folded substring search within `bytes[from..<to]`; `needle` is already folded.
    @inline(__always)
    private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int,
                                 _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = needle.count
        guard to - from >= n else { return false }
        let first = needle[0]
        var i = from
        let last = to - n
        while i <= last {
            if FileEntry.fold(bytes[i]) == first {
                var j = 1
                while j < n && FileEntry.fold(bytes[i + j]) == needle[j] { j += 1 }
                if j == n { return true }
            }
            i += 1
        }
        return false
    }
}

@inline(__always)
private func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
    guard let b else { return count == 0 }
    for i in 0..<count where a[i] != b[i] { return false }
    return true
}
