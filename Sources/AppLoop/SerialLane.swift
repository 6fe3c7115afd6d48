/// Runs work one piece after another, in the order it was handed over. The queue's calls go
/// through one lane, so two confirmed batches never interleave in its FIFO order and a quit's
/// wait starts only after the submissions asked for before it.
final class SerialLane: Sendable {
    typealias Work = @Sendable () async -> Void
    private let continuation: AsyncStream<Work>.Continuation

    init() {
        let (stream, continuation) = AsyncStream<Work>.makeStream()
        self.continuation = continuation
        Task {
            for await work in stream { await work() }
        }
    }

    func run(_ work: @escaping Work) {
        continuation.yield(work)
    }

    /// Lets the work already handed over finish, then ends the lane.
    func stop() {
        continuation.finish()
    }
}
