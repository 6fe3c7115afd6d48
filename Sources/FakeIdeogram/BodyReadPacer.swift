/// Holds the reading of a request body to a bit rate, to play a slow link on loopback: after
/// each chunk it waits until the bytes so far would have taken that long. While it waits the
/// body is not read, so the server's back-pressure slows the client's sending as a link would.
struct BodyReadPacer {
    let bitsPerSecond: Int
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant

    init(bitsPerSecond: Int) {
        self.bitsPerSecond = bitsPerSecond
        start = clock.now
    }

    /// Waits until `totalBytes` are due at the rate (returns at once when they are already).
    func pace(afterReading totalBytes: Int) async throws {
        let due = start + .nanoseconds(Int64(Double(totalBytes) * 8 / Double(bitsPerSecond) * 1e9))
        if clock.now < due { try await clock.sleep(until: due) }
    }
}
