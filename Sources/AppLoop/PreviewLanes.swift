import TerminalUI

/// One lane per preview slot between the loop and the `PreviewProvider`. Requests enter in the
/// loop's order; a new one cancels the slot's load in progress, and only the newest waiting
/// request is loaded, so holding an arrow key decodes just where the selection stops.
/// (Separate tasks per request could start out of order and let an old request cancel a newer.)
struct PreviewLanes: Sendable {
    private let provider: any PreviewProvider
    private let inputs: [PreviewSlot: AsyncStream<PreviewRequestKey?>.Continuation]
    private let workers: [Task<Void, Never>]

    init(provider: any PreviewProvider, deliver: @escaping @Sendable (Action) -> Void) {
        self.provider = provider
        var inputs: [PreviewSlot: AsyncStream<PreviewRequestKey?>.Continuation] = [:]
        var workers: [Task<Void, Never>] = []
        for slot in PreviewSlot.allCases {
            let (stream, input) = AsyncStream.makeStream(of: PreviewRequestKey?.self, bufferingPolicy: .bufferingNewest(1))
            inputs[slot] = input
            workers.append(Task {
                for await request in stream {
                    guard let key = request else { continue }
                    if let outcome = await provider.load(slot, key) { deliver(.previewLoaded(slot, key, outcome)) }
                }
            })
        }
        self.inputs = inputs
        self.workers = workers
    }

    func load(_ slot: PreviewSlot, _ key: PreviewRequestKey) {
        provider.cancel(slot)
        inputs[slot]?.yield(key)
    }

    /// Stops the slot's load and drops a request still waiting.
    func cancel(_ slot: PreviewSlot) {
        provider.cancel(slot)
        inputs[slot]?.yield(nil)
    }

    func stop() {
        for slot in PreviewSlot.allCases { provider.cancel(slot) }
        for input in inputs.values { input.finish() }
        for worker in workers { worker.cancel() }
    }
}
