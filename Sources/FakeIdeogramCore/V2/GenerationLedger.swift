import Foundation

/// The current API's state: accepted generations, the log of v2 calls and the queued poll
/// faults. Thread-safe; one per backend.
package final class GenerationLedger: Sendable {
    private struct State {
        var generations: [String: FakeGeneration] = [:]
        var order: [String] = []
        var calls: [ReceivedV2Call] = []
        var pollFaults: [PollFault] = []
    }

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
