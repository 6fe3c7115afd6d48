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
    /// Every entry of the folder, sorted by `sortOrder` (dirs, images, rest) once it can be.
    public private(set) var entries = FolderListing()
    /// Positions in `entries` of what is shown after the hidden, non-image and name filters.
    public private(set) var visible: [Int] = []
    public var isLoading = true
    public var error: String?
    public var showHidden = false
    public var hideNonImages = false
    /// The order asked for; by time or size the entries keep their order until every one has
    /// its details (`isSorting`).
    public private(set) var sortOrder: FileSortOrder = .name
    /// Waiting for the details of every entry to sort by time or size.
    public private(set) var isSorting = false
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
    /// Ids of entries whose details were asked for, so each is read once.
    private(set) var detailsRequested: Set<Int32> = []
    /// The folder we came up from, to put the cursor back on it.
    var selectAfterLoad: [UInt8]?
    /// Counts folder requests; only the listing answering the latest is shown.
    public private(set) var listingRequest = 0

    public init(path: FilePath) {
        self.path = path
    }

    public var selectedEntry: FileEntry? {
        visible.indices.contains(cursor) ? entries[visible[cursor]] : nil
    }

    public var selectedPath: FilePath? {
        visible.indices.contains(cursor) ? path.appending(entries.name(at: visible[cursor])) : nil
    }

    private var selectedName: [UInt8]? {
        visible.indices.contains(cursor) ? entries.name(at: visible[cursor]) : nil
    }

    public func entry(atVisibleRow row: Int) -> FileEntry? {
        visible.indices.contains(row) ? entries[visible[row]] : nil
    }

    // MARK: changes

    /// Leaves the current folder for `newPath`: the old entries go at once, so no key can act
    /// on them while the new folder is read. Returns the request number for `.listDirectory`.
    public mutating func beginLoading(_ newPath: FilePath) -> Int {
        path = newPath
        isLoading = true
        isSorting = false
        error = nil
        entries = FolderListing()
        visible = []
        filter = ""
        isEditingFilter = false
        cursor = 0
        scrollTop = 0
        // Pixel sizes are per folder: keeping every folder's would grow without end.
        inspections = [:]
        inspectionRequested = []
        detailsRequested = []
        listingRequest += 1
        return listingRequest
    }

    /// Shows a listing. Returns the details to read first when sorting by time or size needs
    /// every entry's (nil when the entries could be put in order at once).
    @discardableResult
    public mutating func load(_ listing: DirectoryListing) -> FileDetailsRequest? {
        let previousName = selectedName
        path = listing.path
        error = listing.error
        isLoading = false
        entries = listing.entries
        detailsRequested = []
        let request = sortOrResumeSorting()
        recomputeVisible()
        let wanted = selectAfterLoad ?? previousName
        selectAfterLoad = nil
        cursor = 0
        if let wanted, let row = entries.first(named: wanted, among: visible) { cursor = row }
        return request
    }

    /// The next order; by time or size, the details every entry needs are asked for first.
    public mutating func cycleSort() -> FileDetailsRequest? {
        sortOrder = sortOrder.next
        return sortOrResumeSorting()
    }

    /// Records `stat`'s answer; once the last entry a pending sort waited for has its
    /// details, sorts. Returns whether that sort happened.
    public mutating func record(_ answer: FileDetailsAnswer) -> Bool {
        for (id, found) in zip(answer.ids, answer.details) { entries.record(found, id: id) }
        guard isSorting, entries.isFullyDetailed else { return false }
        isSorting = false
        resort()
        return true
    }

    /// The details of these rows, not asked for yet.
    mutating func detailsRequest(rows: Range<Int>) -> FileDetailsRequest? {
        var ids: [Int32] = []
        var names = FileNameTable()
        for row in rows where visible.indices.contains(row) {
            let position = visible[row]
            let id = entries.id(at: position)
            guard !entries.hasDetails(at: position), detailsRequested.insert(id).inserted else { continue }
            ids.append(id)
            entries.withName(at: position) { names.append($0) }
        }
        return ids.isEmpty ? nil : FileDetailsRequest(folder: path, listingRequest: listingRequest, ids: ids, names: names)
    }

    private mutating func sortOrResumeSorting() -> FileDetailsRequest? {
        if sortOrder == .name || entries.isFullyDetailed {
            isSorting = false
            if entries.order != sortOrder { resort() }
            return nil
        }
        isSorting = true
        var (ids, names) = entries.undetailed()
        // Those already asked for (rows drawn) come back on their own.
        if !detailsRequested.isEmpty {
            var kept: [Int32] = []
            var keptNames = FileNameTable()
            for (index, id) in ids.enumerated() where !detailsRequested.contains(id) {
                kept.append(id)
                keptNames.append(names[index])
            }
            (ids, names) = (kept, keptNames)
        }
        detailsRequested.formUnion(ids)
        return ids.isEmpty ? nil : FileDetailsRequest(folder: path, listingRequest: listingRequest, ids: ids, names: names)
    }

    /// Puts the entries in `sortOrder`, the cursor staying on its entry.
    private mutating func resort() {
        let selected = selectedName
        entries = entries.sorted(by: sortOrder)
        recomputeVisible()
        if let selected, let row = entries.first(named: selected, among: visible) { cursor = row }
        cursor = min(cursor, max(0, visible.count - 1))
    }

    public mutating func setFilter(_ text: String) {
        let selected = selectedIndex
        // Typing more narrows what is already shown; anything else starts from every entry.
        let narrowing = !filter.isEmpty && text.hasPrefix(filter)
        filter = text
        if narrowing {
            visible = entries.filter(visible, containing: Self.fold(text))
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

    private mutating func recomputeVisible() {
        visible = entries.visible(showHidden: showHidden, hideNonImages: hideNonImages, containing: Self.fold(filter))
    }

    static func fold(_ text: String) -> [UInt8] {
        text.utf8.map(FileEntry.fold)
    }
}
