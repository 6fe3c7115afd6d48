import Synchronization
import Testing
import TerminalUI
@testable import AppLoop

/// A provider whose loads wait until the test finishes them; it reports what happens.
final class GatedPreviewProvider: PreviewProvider {
    let events: AsyncStream<String>
    private let report: AsyncStream<String>.Continuation
    private let pending = Mutex<[PreviewSlot: (PreviewRequestKey, CheckedContinuation<PreviewOutcome?, Never>)]>([:])

    init() {
        (events, report) = AsyncStream.makeStream(of: String.self)
    }

    func useTerminalColors(_ count: Int) {}
    func cached(_ slot: PreviewSlot, _ key: PreviewRequestKey) -> PreviewOutcome? { nil }

    func load(_ slot: PreviewSlot, _ key: PreviewRequestKey) async -> PreviewOutcome? {
        await withCheckedContinuation { continuation in
            pending.withLock { $0[slot] = (key, continuation) }
            report.yield("start \(slot) \(key.columns)")
        }
    }

    /// Like a loader: the slot's load in progress ends with nothing to show.
    func cancel(_ slot: PreviewSlot) {
        pending.withLock { $0.removeValue(forKey: slot) }?.1.resume(returning: nil)
    }

    func finish(_ slot: PreviewSlot) {
        guard let (key, continuation) = pending.withLock({ $0.removeValue(forKey: slot) }) else { return }
        continuation.resume(returning: .failed("made \(key.columns)"))
    }
}

@Suite struct PreviewLanesTests {
    static func key(_ n: Int) -> PreviewRequestKey { PreviewRequestKey(path: FilePath("/p/\(n).png"), columns: n, rows: 5) }

    static func wait(for event: String, in events: inout AsyncStream<String>.Iterator) async {
        while let next = await events.next() { if next == event { return } }
    }

    @Test func aNewRequestCancelsTheSlotsLoadAndOnlyItsResultIsDelivered() async {
        let provider = GatedPreviewProvider()
        var events = provider.events.makeAsyncIterator()
        let (delivered, deliver) = AsyncStream.makeStream(of: Action.self)
        let lanes = PreviewLanes(provider: provider) { deliver.yield($0) }

        lanes.load(.file, Self.key(1))
        await Self.wait(for: "start file 1", in: &events)
        lanes.load(.source, Self.key(7))  // another slot: must not cancel the file's load
        await Self.wait(for: "start source 7", in: &events)
        lanes.load(.file, Self.key(2))  // supersedes 1
        await Self.wait(for: "start file 2", in: &events)
        provider.finish(.file)
        provider.finish(.source)

        var results = delivered.makeAsyncIterator()
        var got: [Action] = []
        for _ in 0..<2 { if let action = await results.next() { got.append(action) } }
        lanes.stop()
        deliver.finish()
        #expect(Set(got.map(String.init(describing:))) == [
            String(describing: Action.previewLoaded(.file, Self.key(2), .failed("made 2"))),
            String(describing: Action.previewLoaded(.source, Self.key(7), .failed("made 7"))),
        ])
        #expect(await results.next() == nil)
    }
}
