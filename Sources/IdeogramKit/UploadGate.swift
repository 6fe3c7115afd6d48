import Synchronization

/// Holds a request body back until `open()`: the connection and the request head may go out
/// first, while no byte that could be billed does. `abandon()` fails the waiting body instead.
final class UploadGate: Sendable {
    private struct State {
        var isOpen = false
        var isAbandoned = false
        var nextWaiter = 0
        var waiters: [Int: CheckedContinuation<Void, any Error>] = [:]
    }

    private let state = Mutex(State())

    func open() {
        let waiting = state.withLock { state -> [CheckedContinuation<Void, any Error>] in
            guard !state.isAbandoned else { return [] }
            state.isOpen = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiting { waiter.resume() }
    }

    func abandon() {
        let waiting = state.withLock { state -> [CheckedContinuation<Void, any Error>] in
            guard !state.isOpen else { return [] }
            state.isAbandoned = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiting { waiter.resume(throwing: CancellationError()) }
    }

    /// Returns once the gate is open; throws `CancellationError` when it is abandoned or the
    /// waiting task is cancelled.
    func wait() async throws {
        let id = state.withLock { state -> Int in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (waiter: CheckedContinuation<Void, any Error>) in
                let verdict = state.withLock { state -> Bool? in
                    if state.isOpen { return true }
                    if state.isAbandoned || Task.isCancelled { return false }
                    state.waiters[id] = waiter
                    return nil
                }
                switch verdict {
                case true?: waiter.resume()
                case false?: waiter.resume(throwing: CancellationError())
                case nil: break
                }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume(throwing: CancellationError())
        }
    }
}
