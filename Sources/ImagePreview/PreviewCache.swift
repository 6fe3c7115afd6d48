import NIOConcurrencyHelpers

/// What identifies a preview: the file (path, modification time, size) and how it is drawn.
public struct PreviewKey: Hashable, Sendable {
    public var path: [UInt8]
    /// Modification time in nanoseconds since the epoch.
    public var modified: Int64
    public var fileSize: Int64
    public var columns: Int
    public var rows: Int
    public var options: PreviewOptions

    public init(path: [UInt8], modified: Int64, fileSize: Int64, columns: Int, rows: Int, options: PreviewOptions) {
        self.path = path
        self.modified = modified
        self.fileSize = fileSize
        self.columns = columns
        self.rows = rows
        self.options = options
    }
}

/// A bounded, thread-safe, least-recently-used cache of preview outcomes. Failures are kept
/// too (a corrupt file is not decoded again each time the selection passes it); cancellations
/// never are. A changed file has a new modification time, hence a new key.
public final class PreviewCache: Sendable {
    private let entries: NIOLockedValueBox<CostBoundedLRU<PreviewKey, Result<PreviewImage, PreviewError>>>

    /// At most `capacity` entries holding at most `maxCells` cells in all.
    public init(capacity: Int = 64, maxCells: Int = 1_000_000) {
        entries = NIOLockedValueBox(CostBoundedLRU(capacity: capacity, maxCost: maxCells))
    }

    public func outcome(for key: PreviewKey) -> Result<PreviewImage, PreviewError>? {
        entries.withLockedValue { $0.value(for: key) }
    }

    public func store(_ outcome: Result<PreviewImage, PreviewError>, for key: PreviewKey) {
        if case .failure(.cancelled) = outcome { return }
        let cells: Int
        // Escape output counts as a cell per 32 bytes (about what a cell costs in memory).
        if case .success(let image) = outcome { cells = image.cells.count + (image.pixels?.bytes.count ?? 0) / 32 } else { cells = 0 }
        entries.withLockedValue { $0.insert(outcome, for: key, cost: cells) }
    }

    public var count: Int { entries.withLockedValue { $0.count } }

    public func removeAll() {
        entries.withLockedValue { $0.removeAll() }
    }
}
