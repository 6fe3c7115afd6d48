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
    /// Counts folder requests; only the listing answering the latest is shown.
    public private(set) var listingRequest = 0
    /// The folded names of `entries`, in order, for the filter.
    private var names = FoldedNames()

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

    /// Leaves the current folder for `newPath`: the old entries go at once, so no key can act
    /// on them while the new folder is read. Returns the request number for `.listDirectory`.
    public mutating func beginLoading(_ newPath: FilePath) -> Int {
        path = newPath
        isLoading = true
        error = nil
        entries = []
        visible = []
        names = FoldedNames()
        filter = ""
        isEditingFilter = false
        cursor = 0
        scrollTop = 0
        // Pixel sizes are per folder: keeping every folder's would grow without end.
        inspections = [:]
        inspectionRequested = []
        listingRequest += 1
        return listingRequest
    }

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
        if let name, let row = visible.firstIndex(where: { entries[$0].name == name }) { cursor = row }
        cursor = min(cursor, max(0, visible.count - 1))
    }

    public mutating func setFilter(_ text: String) {
        let selected = selectedIndex
        // Typing more narrows what is already shown; anything else starts from every entry.
        let narrowing = !filter.isEmpty && text.hasPrefix(filter)
        filter = text
        if narrowing {
            let needle = Self.fold(text)
            visible = names.filter(visible, containing: needle)
        } else {
            recomputeVisible()
        }
        reselect(selected)
    }

    public mutating func refilter() {
        let selected = selectedIndex
        recomputeVisible()
        reselect(selected)
    }

    private var selectedIndex: Int? { visible.indices.contains(cursor) ? visible[cursor] : nil }

    /// Back on the same entry if it is still shown (`visible` is in ascending order, so a
    /// binary search finds it), else as close to the old row as there is.
    private mutating func reselect(_ index: Int?) {
        if let index {
            var low = 0, high = visible.count
            while low < high {
                let mid = (low + high) / 2
                if visible[mid] < index { low = mid + 1 } else { high = mid }
            }
            if low < visible.count && visible[low] == index {
                cursor = low
                return
            }
        }
        cursor = min(cursor, max(0, visible.count - 1))
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
            if let folded = FileEntry.foldedPrecedes(a.name, b.name) { return folded }
            return a.name.lexicographicallyPrecedes(b.name)
        }
        names = FoldedNames(entries)
    }

    private mutating func recomputeVisible() {
        visible = names.visible(showHidden: showHidden, hideNonImages: hideNonImages, containing: Self.fold(filter))
    }

    static func fold(_ text: String) -> [UInt8] {
        text.utf8.map(FileEntry.fold)
    }
}
