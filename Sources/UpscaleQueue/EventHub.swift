/// Fans queue events out to any number of subscribers, each with its own stream.
struct EventHub {
    private var subscribers: [Int: AsyncStream<QueueEvent>.Continuation] = [:]
    private var nextID = 0

    /// A new stream; `onEnd` runs with its id when the subscriber stops listening.
    mutating func subscribe(onEnd: @escaping @Sendable (Int) -> Void) -> AsyncStream<QueueEvent> {
        let id = nextID
        nextID += 1
        // Unbounded: observers must see every transition; progress events are per 256 KB slice,
        // so even a slow reader accumulates little.
        let (stream, continuation) = AsyncStream<QueueEvent>.makeStream(bufferingPolicy: .unbounded)
        continuation.onTermination = { _ in onEnd(id) }
        subscribers[id] = continuation
        return stream
    }

    mutating func unsubscribe(_ id: Int) {
        subscribers[id] = nil
    }

    func send(_ event: QueueEvent) {
        for continuation in subscribers.values { continuation.yield(event) }
    }

    mutating func finishAll() {
        let all = subscribers.values
        subscribers = [:]
        for continuation in all { continuation.finish() }
    }
}
