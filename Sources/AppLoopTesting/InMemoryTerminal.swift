import AppLoop
import TerminalUI

/// A terminal in memory, for running the whole loop in a test: the test pushes keys, pastes
/// and resizes in, and waits (with a deadline) for the screens the loop draws.
public actor InMemoryTerminal: AppTerminal {
    /// A wait ran out before a screen matched; says what was on screen last.
    public struct Timeout: Error, CustomStringConvertible {
        public var expected: String
        public var lastScreen: String
        public var description: String { "no screen showed \(expected) in time; the last one:\n\(lastScreen)" }
        public init(expected: String, lastScreen: String) {
            self.expected = expected
            self.lastScreen = lastScreen
        }
    }

    private struct Waiter {
        var matches: @Sendable (Screen) -> Bool
        var continuation: CheckedContinuation<Screen, any Error>
    }

    public let paletteSize: Int
    private var size: Size
    private var deliver: (@Sendable (TerminalInput) -> Void)?
    /// Input sent before the loop started listening, delivered once it does.
    private var early: [TerminalInput] = []
    private var waiters: [Int: Waiter] = [:]
    private var nextWaiter = 0
    /// The last screen drawn.
    public private(set) var screen: Screen?
    public private(set) var drawCount = 0
    public private(set) var mouse = true
    public private(set) var clipboard: [String] = []
    public private(set) var isStopped = false
    public private(set) var suspendCount = 0
    /// The size the terminal will have when the next suspend comes back (resized while stopped).
    private var sizeAfterSuspend: Size?

    public init(size: Size = Size(columns: 80, rows: 24), paletteSize: Int = 256) {
        self.size = size
        self.paletteSize = paletteSize
    }

    // MARK: The loop's side

    public func start(reporting deliver: @escaping @Sendable (TerminalInput) -> Void) -> Size {
        self.deliver = deliver
        for input in early { deliver(input) }
        early = []
        return size
    }

    public func draw(_ screen: Screen) {
        self.screen = screen
        drawCount += 1
        for (id, waiter) in waiters where waiter.matches(screen) {
            waiters[id] = nil
            waiter.continuation.resume(returning: screen)
        }
    }

    public func setMouse(_ on: Bool) { mouse = on }

    public func copyToClipboard(_ text: String) { clipboard.append(text) }

    /// Counts, and comes back at once (a shell's `fg`) with the size it has then.
    public func suspend() -> Size {
        suspendCount += 1
        if let resized = sizeAfterSuspend { size = resized }
        sizeAfterSuspend = nil
        return size
    }

    public func stop() {
        deliver = nil
        isStopped = true
    }

    // MARK: The test's side

    public func press(_ keys: Key...) { send(.actions(keys.map { .key($0) })) }

    /// Each character of `text` as its own key press, as typing does.
    public func type(_ text: String) { send(.actions(text.map { .key(.char($0)) })) }

    public func paste(_ text: String) { send(.actions([.paste(text)])) }

    public func resize(to size: Size) {
        self.size = size
        send(.actions([.resize(size)]))
    }

    /// The window will have been resized while the program was suspended.
    public func resizeWhileSuspended(to size: Size) { sizeAfterSuspend = size }

    /// What SIGTERM or a closed terminal does.
    public func terminate() { send(.terminate) }

    private func send(_ input: TerminalInput) {
        if let deliver { deliver(input) } else { early.append(input) }
    }

    /// The last screen's lines joined, for quick checks.
    public var text: String { screen?.lines.joined(separator: "\n") ?? "" }

    /// Returns the first screen (the current one included) that contains `text`.
    @discardableResult
    public func waitUntil(screenContains text: String, within deadline: Duration = .seconds(10)) async throws -> Screen {
        try await waitUntil("\"\(text)\"", within: deadline) { $0.lines.contains { $0.contains(text) } }
    }

    /// Returns the first screen (the current one included) that `matches`; throws `Timeout`
    /// after `deadline`.
    @discardableResult
    public func waitUntil(_ expected: String, within deadline: Duration = .seconds(10),
                          _ matches: @escaping @Sendable (Screen) -> Bool) async throws -> Screen {
        if let screen, matches(screen) { return screen }
        let id = nextWaiter
        nextWaiter += 1
        let expiry = Task { [weak self] in
            try? await Task.sleep(for: deadline)
            await self?.expire(id, expected: expected)
        }
        defer { expiry.cancel() }
        return try await withCheckedThrowingContinuation { continuation in
            waiters[id] = Waiter(matches: matches, continuation: continuation)
        }
    }

    private func expire(_ id: Int, expected: String) {
        guard let waiter = waiters.removeValue(forKey: id) else { return }
        waiter.continuation.resume(throwing: Timeout(expected: expected, lastScreen: text))
    }
}
