import Foundation

/// The app loop's mailbox. Unlike an `AsyncStream`, the loop takes everything waiting at once,
/// so a burst (the pixel sizes of a screenful of files, a held-down key, queue events) is
/// applied in order and drawn once, instead of one full frame per event.
final class EventInbox<Event: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [Event] = []
    private var waiter: CheckedContinuation<[Event], Never>?

    func post(_ event: Event) { post([event]) }

    func post(_ batch: [Event]) {
        guard !batch.isEmpty else { return }
        lock.lock()
        events += batch
        let resume = waiter.map { waiter -> (CheckedContinuation<[Event], Never>, [Event]) in
            defer { events = [] }
            return (waiter, events)
        }
        if resume != nil { waiter = nil }
        lock.unlock()
        if let (waiter, ready) = resume { waiter.resume(returning: ready) }
    }

    /// Waits for at least one event, then returns every event waiting. One caller at a time.
    func next() async -> [Event] {
        await withCheckedContinuation { continuation in
            lock.lock()
            if events.isEmpty {
                waiter = continuation
                lock.unlock()
                return
            }
            let ready = events
            events = []
            lock.unlock()
            continuation.resume(returning: ready)
        }
    }
}
