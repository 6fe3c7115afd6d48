import Testing
@testable import IdeogramKit

@Suite struct UploadGateTests {
    @Test func waitersGoOnceItOpensAndLaterOnesAtOnce() async throws {
        let gate = UploadGate()
        async let first: Void = gate.wait()
        async let second: Void = gate.wait()
        gate.open()
        try await first
        try await second
        try await gate.wait()
        gate.abandon()
        try await gate.wait()  // the first verdict stands
    }

    @Test func anAbandonedGateFailsItsWaiters() async {
        let gate = UploadGate()
        let waiting = Task { try await gate.wait() }
        gate.abandon()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        gate.open()
        await #expect(throws: CancellationError.self) { try await gate.wait() }
    }

    @Test func aCancelledWaiterStopsWaiting() async {
        let gate = UploadGate()
        let waiting = Task { try await gate.wait() }
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
    }
}
