import UpscaleQueue

/// A clock for retry waits that only moves when the test says so: every requested wait is
/// recorded, and waiters stay suspended until `advance()` (or return at once when `instant`).
actor ManualSleeper: Sleeper {
    private(set) var requested: [Duration] = []
    private var released: Set<Int> = []
    private let instant: Bool

    init(instant: Bool = false) {
        self.instant = instant
    }

    func sleep(for duration: Duration) async throws {
        requested.append(duration)
        let ticket = requested.count
        if instant { released.insert(ticket) }
        while !released.contains(ticket) {
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    /// Ends every wait requested so far.
    func advance() {
        released.formUnion(1...max(1, requested.count))
    }

    var pending: Int { requested.count - released.count }
}
