/// How the files pane orders entries within each group (folders, images, the rest).
public enum FileSortOrder: String, Hashable, Sendable, CaseIterable {
    case name, modified, size

    public var next: FileSortOrder {
        switch self {
        case .name: .modified
        case .modified: .size
        case .size: .name
        }
    }
}

/// The files pane: a folder's entries, how they are shown, and what is selected and marked.
public struct FilesState: Hashable, Sendable {
    public var path: FilePath
    /// Every entry of the folder, sorted by `sortOrder` (dirs, images, rest).
    public private(set) var entries: [FileEntry] = []
    /// Indices into `entries` of what is shown after the hidden, non-image and name filters.
    public private(set) var visible: [Int] = []
    public var isLoading = true
    public var error: String?
    public var showHidden = false
    public var hideNonImages = false
    public private(set) var sortOrder: FileSortOrder = .name
    /// The `/` filter text, and whether keys are going into it.
    public private(set) var filter = ""
    public var isEditingFilter = false
    /// Index into `visible`.
    public var cursor = 0
    /// First visible row shown.
    public var scrollTop = 0
    public var marked: Set<FilePath> = []
    public var inspections: [FilePath: ImageInspection] = [:]
    /// Paths whose headers were asked for, so each is read once.
    public var inspectionRequested: Set<FilePath> = []
    /// The folder we came up from, to put the cursor back on it.
    var selectAfterLoad: [UInt8]?

    public init(path: FilePath) {
        self.path = path
    }

    public var selectedEntry: FileEntry? {
        visible.indices.contains(cursor) ? entries[visible[cursor]] : nil
    }

    public var selectedPath: FilePath? { selectedEntry.map { path.appending($0.name) } }

    public func entry(atVisibleRow row: Int) -> FileEntry? {
        visible.indices.contains(row) ? entries[visible[row]] : nil
    }

    // MARK: changes

    public mutating func load(_ listing: DirectoryListing) {
        let previousName = selectedEntry?.name
        path = listing.path
        error = listing.error
        isLoading = false
        entries = listing.entries
        sortEntries()
        recomputeVisible()
        let wanted = selectAfterLoad ?? previousName
        selectAfterLoad = nil
        cursor = 0
        if let wanted, let row = visible.firstIndex(where: { entries[$0].name == wanted }) { cursor = row }
    }

    public mutating func cycleSort() {
        let name = selectedEntry?.name
        sortOrder = sortOrder.next
        sortEntries()
        recomputeVisible()
        reselect(name)
    }

    public mutating func setFilter(_ text: String) {
        let name = selectedEntry?.name
        // Typing more narrows what is already shown; anything else starts from every entry.
        let narrowing = !filter.isEmpty && text.hasPrefix(filter)
        filter = text
        if narrowing {
            let needle = Self.fold(text)
            visible = visible.filter { Self.contains(entries[$0].foldedName, needle) }
        } else {
            recomputeVisible()
        }
        reselect(name)
    }

    public mutating func refilter() {
        let name = selectedEntry?.name
        recomputeVisible()
        reselect(name)
    }

    private mutating func reselect(_ name: [UInt8]?) {
        if let name, let row = visible.firstIndex(where: { entries[$0].name == name }) {
            cursor = row
        } else {
            cursor = min(cursor, max(0, visible.count - 1))
        }
    }

    private mutating func sortEntries() {
        let order = sortOrder
        entries.sort { a, b in
            if a.group != b.group { return a.group < b.group }
            switch order {
            case .name: break
            case .modified: if a.modified != b.modified { return a.modified > b.modified }
            case .size: if a.size != b.size { return a.size > b.size }
            }
            if a.foldedName != b.foldedName { return a.foldedName.lexicographicallyPrecedes(b.foldedName) }
            return a.name.lexicographicallyPrecedes(b.name)
        }
    }

    private mutating func recomputeVisible() {
        let needle = Self.fold(filter)
        var result: [Int] = []
        result.reserveCapacity(entries.count)
        for (i, entry) in entries.enumerated() {
            if !showHidden && entry.isHidden { continue }
            if hideNonImages && entry.group == 2 { continue }
            if !needle.isEmpty && !Self.contains(entry.foldedName, needle) { continue }
            result.append(i)
        }
        visible = result
    }

    static func fold(_ text: String) -> [UInt8] {
        text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
    }

    /// Byte substring search: fast enough for 100,000 names per keystroke.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        if needle.count > haystack.count { return false }
        let first = needle[0]
        let last = haystack.count - needle.count
        var i = 0
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}
