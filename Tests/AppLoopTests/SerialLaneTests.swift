import Synchronization
import Testing
@testable import AppLoop

@Suite struct SerialLaneTests {
    /// The queue's calls run in the order they were asked for, each after the one before has
    /// finished, however long each takes.
    @Test func workRunsInOrderOneAfterAnother() async throws {
        let lane = SerialLane()
        let log = Mutex<[Int]>([])
        let running = Mutex(0)
        let overlapped = Mutex(false)
        for index in 0..<20 {
            lane.run {
                running.withLock { count in
                    count += 1
                    if count > 1 { overlapped.withLock { $0 = true } }
                }
                try? await Task.sleep(for: .milliseconds(index % 3 == 0 ? 5 : 0))
                log.withLock { $0.append(index) }
                running.withLock { $0 -= 1 }
            }
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while log.withLock({ $0.count }) < 20 && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        lane.stop()
        #expect(log.withLock { $0 } == Array(0..<20))
        #expect(!overlapped.withLock { $0 })
    }
}
