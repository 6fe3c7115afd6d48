import FakeIdeogramCore
/// Hands the bound port from Hummingbird's `onServerRunning` callback to `start()`, or the
/// error when the server stops before it ever listened (e.g. the port is taken). One-shot.
final class StartupSignal: Sendable {
    private enum State {
        case waiting(CheckedContinuation<Int, any Error>?)
        case finished(Result<Int, any Error>)
    }

    private let state = Locked(State.waiting(nil))

    func succeed(_ port: Int) { finish(.success(port)) }

    func fail(_ error: any Error) { finish(.failure(error)) }

    func wait() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let finished: Result<Int, any Error>? = state.withLock { state in
                switch state {
                case .waiting: state = .waiting(continuation); return nil
                case .finished(let result): return result
                }
            }
            if let finished { continuation.resume(with: finished) }
        }
    }

    private func finish(_ result: Result<Int, any Error>) {
        let waiter: CheckedContinuation<Int, any Error>? = state.withLock { state in
            guard case .waiting(let continuation) = state else { return nil }  // first outcome wins
            state = .finished(result)
            return continuation
        }
        waiter?.resume(with: result)
    }
}
