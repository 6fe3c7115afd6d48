import Foundation

/// The current API's state: accepted generations, the log of v2 calls and the queued poll
/// faults. Thread-safe; one per backend.
package final class GenerationLedger: Sendable {
    private struct State {
        var generations: [String: FakeGeneration] = [:]
        var order: [String] = []
        var calls: [ReceivedV2Call] = []
        var pollFaults: [PollFault] = []
        /// When the polls of the last window came, oldest first.
        var pollTimes: [Date] = []
    }

    /// The window the poll rate is counted over (the contract's 1,000 polls per 10 s).
    static let pollWindow: TimeInterval = 10

    private let state = Locked(State())

    /// Adds the generation `make` builds unless the pending ones already reach `limit` (each
    /// counts one image); `make` runs only when there is room, so a refused one issues nothing.
    func admit(limit: Int, now: Date, make: () -> FakeGeneration) -> FakeGeneration? {
        state.withLock { state in
            let pending = state.order.count { state.generations[$0]!.readyAt > now }
            guard pending < limit else { return nil }
            let generation = make()
            state.generations[generation.id] = generation
            state.order.append(generation.id)
            return generation
        }
    }

    /// Counts a poll and returns the generation as it stands, nil when unknown.
    func poll(_ id: String) -> FakeGeneration? {
        state.withLock { state in
            state.generations[id]?.polls += 1
            return state.generations[id]
        }
    }

    /// Counts a poll in the sliding window: nil when it is within `limit`, else the whole
    /// seconds until the oldest poll leaves the window (for `Retry-After`).
    func admitPoll(limit: Int, now: Date) -> Int? {
        state.withLock { state in
            let windowStart = now.addingTimeInterval(-Self.pollWindow)
            let expired = state.pollTimes.firstIndex { $0 > windowStart } ?? state.pollTimes.count
            state.pollTimes.removeFirst(expired)
            guard state.pollTimes.count < limit else {
                return max(1, Int(state.pollTimes[0].timeIntervalSince(windowStart).rounded(.up)))
            }
            state.pollTimes.append(now)
            return nil
        }
    }

    func pendingCount(now: Date) -> Int {
        state.withLock { state in state.order.count { state.generations[$0]!.readyAt > now } }
    }

    func records(now: Date) -> [GenerationRecord] {
        state.withLock { state in state.order.map { state.generations[$0]!.record(at: now) } }
    }

    func log(_ call: ReceivedV2Call) {
        state.withLock { $0.calls.append(call) }
    }

    var calls: [ReceivedV2Call] { state.withLock { $0.calls } }

    func enqueue(_ faults: [PollFault]) {
        state.withLock { $0.pollFaults.append(contentsOf: faults) }
    }

    func nextQueuedPollFault() -> PollFault? {
        state.withLock { $0.pollFaults.isEmpty ? nil : $0.pollFaults.removeFirst() }
    }
}
