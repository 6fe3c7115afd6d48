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
    public let capacity: Int
    public let maxCells: Int

    private struct Entry {
        var outcome: Result<PreviewImage, PreviewError>
        var lastUse: UInt64
        var cells: Int
    }

    private struct State {
        var entries: [PreviewKey: Entry] = [:]
        var clock: UInt64 = 0
        var cells = 0
    }

    private let state = NIOLockedValueBox(State())

    /// At most `capacity` entries holding at most `maxCells` cells in all.
    public init(capacity: Int = 64, maxCells: Int = 1_000_000) {
        self.capacity = max(1, capacity)
        self.maxCells = max(1, maxCells)
    }

    public func outcome(for key: PreviewKey) -> Result<PreviewImage, PreviewError>? {
        state.withLockedValue { state in
            guard var entry = state.entries[key] else { return nil }
            state.clock += 1
            entry.lastUse = state.clock
            state.entries[key] = entry
            return entry.outcome
        }
    }

    public func store(_ outcome: Result<PreviewImage, PreviewError>, for key: PreviewKey) {
        if case .failure(.cancelled) = outcome { return }
        let cells: Int
        // Escape output counts as a cell per 32 bytes (about what a cell costs in memory).
        if case .success(let image) = outcome { cells = image.cells.count + (image.pixels?.bytes.count ?? 0) / 32 } else { cells = 0 }
        guard cells <= maxCells else { return }
        state.withLockedValue { state in
            state.clock += 1
            if let old = state.entries[key] { state.cells -= old.cells }
            state.entries[key] = Entry(outcome: outcome, lastUse: state.clock, cells: cells)
            state.cells += cells
            while state.entries.count > capacity || state.cells > maxCells {
                guard let oldest = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse }) else { break }
                state.cells -= oldest.value.cells
                state.entries[oldest.key] = nil
            }
        }
    }

    public var count: Int { state.withLockedValue { $0.entries.count } }

    public func removeAll() {
        state.withLockedValue { state in
            state.entries.removeAll()
            state.cells = 0
        }
    }
}
