/// What `stat` adds to a name: the size and time, and what the entry turned out to be.
public struct FileDetails: Hashable, Sendable {
    public var kind: FileKind
    public var size: Int64
    /// Seconds since 1970.
    public var modified: Int64

    public init(kind: FileKind, size: Int64, modified: Int64) {
        self.kind = kind
        self.size = size
        self.modified = modified
    }
}

/// A folder's entries, compact: the names in one `FileNameTable`, one byte per entry for what
/// it is (from `readdir`'s `d_type`, so listing needs no `stat`), and sizes and times only for
/// the entries that were `stat`ed (those drawn, or all of them to sort by time or size).
/// Sorting reorders only a list of ids; names stay where they were read, so a sort copies no
/// name. Reading it as a collection makes a `FileEntry` per row asked for.
public struct FolderListing: Hashable, Sendable, RandomAccessCollection {
    /// The names in the order they were read: entry id `i` is `names[i]`.
    public private(set) var names = FileNameTable()
    /// Per id: the kind code (low 3 bits), hidden, image-like name.
    private var info: [UInt8] = []
    /// Per position: the entry's id (its place when read), also the key of `details`, so
    /// details read while the order changed still find their entry.
    private var ids: [Int32] = []
    private var details: [Int32: FileDetails] = [:]
    /// The order the entries are in; nil: as the folder gave them.
    public private(set) var order: FileSortOrder?

    public init() {}

    /// A listing whose every entry already has its details (tests, the in-process benchmark).
    public init(_ entries: [FileEntry]) {
        for entry in entries {
            append(name: entry.name, kind: entry.kind)
            if entry.hasDetails {
                details[Int32(names.count - 1)] = FileDetails(kind: entry.kind, size: entry.size, modified: entry.modified)
            }
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { ids.count }

    public subscript(position: Int) -> FileEntry {
        let found = details[ids[position]]
        return FileEntry(name: name(at: position), kind: found?.kind ?? kind(at: position),
                         size: found?.size ?? 0, modified: found?.modified ?? 0, hasDetails: found != nil)
    }

    /// Adds an entry whose kind `readdir` told (links already followed).
    public mutating func append(name: UnsafeBufferPointer<UInt8>, kind: FileKind) {
        var flags = Self.code(kind)
        if name.first == 0x2E { flags |= Self.hiddenFlag }
        if FileEntry.hasImageExtension(name) { flags |= Self.imageNameFlag }
        ids.append(Int32(info.count))
        info.append(flags)
        names.append(name)
        if case .unreadable = kind { details[Int32(info.count - 1)] = FileDetails(kind: kind, size: 0, modified: 0) }
    }

    public mutating func append(name: [UInt8], kind: FileKind) {
        name.withUnsafeBufferPointer { append(name: $0, kind: kind) }
    }

    // MARK: reading one entry without making a FileEntry

    public func id(at position: Int) -> Int32 { ids[position] }
    public func name(at position: Int) -> [UInt8] { names[Int(ids[position])] }
    public func withName<R>(at position: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try names.withName(Int(ids[position]), body)
    }
    public func hasDetails(at position: Int) -> Bool { details[ids[position]] != nil }
    public var detailedCount: Int { details.count }
    public var isFullyDetailed: Bool { details.count == count }

    /// What the entry is: the details' word when it was `stat`ed, else `readdir`'s.
    public func kind(at position: Int) -> FileKind {
        if let found = details[ids[position]] { return found.kind }
        return switch info[Int(ids[position])] & Self.kindMask {
        case 0: .directory
        case 1: .file
        case 2: .symlinkToDirectory
        case 3: .symlinkToFile
        case 4: .brokenLink
        case 5: .linkLoop
        default: .special
        }
    }

    /// The per-id byte (kind, hidden, image-like name) of the entry at `position`.
    func flags(at position: Int) -> UInt8 { info[Int(ids[position])] }

    /// Records what `stat` found for the entry read at `id`.
    public mutating func record(_ found: FileDetails, id: Int32) {
        guard id >= 0, Int(id) < names.count else { return }
        details[id] = found
    }

    /// Ids (read order) of the entries not `stat`ed yet, with their names.
    public func undetailed() -> (ids: [Int32], names: FileNameTable) {
        var wanted: [Int32] = []
        var table = FileNameTable()
        for position in indices where details[ids[position]] == nil {
            wanted.append(ids[position])
            withName(at: position) { table.append($0) }
        }
        return (wanted, table)
    }

    // MARK: sorting

    /// The entries in `order` within each group; names break ties (ASCII case folded, then
    /// bytes). By time or size, entries without details count as 0. Only the ids move.
    public func sorted(by order: FileSortOrder) -> FolderListing {
        var keys: [Int64] = []
        if order != .name {
            keys = (0..<Int32(names.count)).map { id in
                guard let found = details[id] else { return 0 }
                return order == .modified ? found.modified : found.size
            }
        }
        var result = self
        info.withUnsafeBufferPointer { info in
            names.withStorage { bytes, starts in
                keys.withUnsafeBufferPointer { keys in
                    result.ids.sort { a, b in
                        let a = Int(a), b = Int(b)
                        let ga = Self.group(info[a]), gb = Self.group(info[b])
                        if ga != gb { return ga < gb }
                        if !keys.isEmpty && keys[a] != keys[b] { return keys[a] > keys[b] }
                        return Self.namePrecedes(bytes, Int(starts[a])..<Int(starts[a + 1]), Int(starts[b])..<Int(starts[b + 1]))
                    }
                }
            }
        }
        result.order = order
        return result
    }

    /// Folded bytes first, so "Beach" sorts with "beach"; raw bytes settle what folding ties.
    @inline(__always)
    private static func namePrecedes(_ bytes: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Bool {
        let common = Swift.min(a.count, b.count)
        var i = 0
        while i < common {
            let x = FileEntry.fold(bytes[a.lowerBound + i]), y = FileEntry.fold(bytes[b.lowerBound + i])
            if x != y { return x < y }
            i += 1
        }
        if a.count != b.count { return a.count < b.count }
        i = 0
        while i < common {
            let x = bytes[a.lowerBound + i], y = bytes[b.lowerBound + i]
            if x != y { return x < y }
            i += 1
        }
        return false
    }

    // MARK: the per-entry byte

    private static let kindMask: UInt8 = 0b111
    static let hiddenFlag: UInt8 = 1 << 3
    static let imageNameFlag: UInt8 = 1 << 4

    private static func code(_ kind: FileKind) -> UInt8 {
        switch kind {
        case .directory: 0
        case .file: 1
        case .symlinkToDirectory: 2
        case .symlinkToFile: 3
        case .brokenLink: 4
        case .linkLoop: 5
        case .special: 6
        case .unreadable: 7
        }
    }

    @inline(__always)
    static func group(_ flags: UInt8) -> Int {
        let kind = flags & kindMask
        if kind == 0 || kind == 2 { return 0 }
        return (kind == 1 || kind == 3) && flags & imageNameFlag != 0 ? 1 : 2
    }
}
