/// The places a preview can be shown. Each has its own request, so loading one never cancels
/// another (the outside keeps one loader per slot, latest request wins).
public enum PreviewSlot: String, Hashable, Sendable, CaseIterable {
    /// The selected file, in the files pane.
    case file
    /// The selected job's source image, left in the results pane.
    case source
    /// The selected job's downloaded result, right in the results pane.
    case result
    /// The selected job's result in the larger single view.
    case enlarged
    /// The compare view: the first marked job's source, then each marked job's result.
    case compareSource, compareFirst, compareSecond

    /// The slots the compare view shows; the others wait while it is open.
    public static let compareSlots: Set<PreviewSlot> = [.compareSource, .compareFirst, .compareSecond]
}

/// What a slot asks for: a file and the cell box the picture must fit. Results come back with
/// it, so one that arrives for a request no longer wanted is dropped.
public struct PreviewRequestKey: Hashable, Sendable {
    public var path: FilePath
    /// The file's modification time as the listing saw it (nil when unknown): a changed file
    /// is a new request after the folder is listed again.
    public var modified: Int64?
    public var columns: Int
    public var rows: Int
    /// Set when the loupe is zoomed: the part of the image (its own pixels) to fill the box with.
    public var region: PreviewRegion?

    public init(path: FilePath, modified: Int64? = nil, columns: Int, rows: Int, region: PreviewRegion? = nil) {
        self.path = path
        self.modified = modified
        self.columns = columns
        self.rows = rows
        self.region = region
    }
}

/// What a slot shows.
public enum PreviewContent: Hashable, Sendable {
    case loading
    case picture(PreviewPicture, PreviewFacts)
    /// A one-line reason there is no picture.
    case failed(String)
}

/// One slot: what was asked for, and what is shown for it.
public struct PreviewSlotState: Hashable, Sendable {
    public var request: PreviewRequestKey?
    public var content: PreviewContent?

    public init(request: PreviewRequestKey? = nil, content: PreviewContent? = nil) {
        self.request = request
        self.content = content
    }
}

/// Every slot's state. Which slot wants what is decided by `PreviewUpdate.sync` from the
/// selection and the layout after each action.
public struct PreviewsState: Hashable, Sendable {
    private var slots: [PreviewSlot: PreviewSlotState] = [:]
    /// The full size of each image the larger and compare views showed, as its picture said:
    /// the loupe maps regions between images with these, and asks for a fitted picture first
    /// where one is not known yet.
    public var sizes: [FilePath: PixelExtent] = [:]

    public init() {}

    public subscript(slot: PreviewSlot) -> PreviewSlotState {
        get { slots[slot] ?? PreviewSlotState() }
        set { slots[slot] = newValue }
    }
}
