import Synchronization

/// Holds a request body back until `open()`: the connection and the request head may go out
/// first, while no byte that could be billed does. `abandon()` fails the waiting body instead.
final class UploadGate: Sendable {
    private struct State {
        /// Nil while closed; then whether it opened (success) or was abandoned (failure).
        var verdict: Result<Void, any Error>?
        var nextWaiter = 0
        var waiters: [Int: CheckedContinuation<Void, any Error>] = [:]
    }

    private let state = Mutex(State())

    func open() { settle(.success(())) }

    func abandon() { settle(.failure(CancellationError())) }

    /// The first verdict stands; it is given to every waiter.
    private func settle(_ verdict: Result<Void, any Error>) {
        let waiting = state.withLock { state -> [CheckedContinuation<Void, any Error>] in
            guard state.verdict == nil else { return [] }
            state.verdict = verdict
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiting { waiter.resume(with: verdict) }
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
                let verdict = state.withLock { state -> Result<Void, any Error>? in
                    if let verdict = state.verdict { return verdict }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    state.waiters[id] = waiter
                    return nil
                }
                if let verdict { waiter.resume(with: verdict) }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume(throwing: CancellationError())
        }
    }
}
