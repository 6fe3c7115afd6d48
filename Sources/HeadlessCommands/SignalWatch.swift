import Dispatch
import Foundation

/// Turns SIGINT and SIGTERM into values a run can wait for; a second one ends the process at
/// once (the history is consistent at every moment, so this loses nothing recorded).
final class SignalWatch: Sendable {
    private let stream: AsyncStream<Int32>
    /// Only kept alive: never touched after `start`.
    nonisolated(unsafe) private let sources: [any DispatchSourceSignal]

    private init(stream: AsyncStream<Int32>, sources: [any DispatchSourceSignal]) {
        self.stream = stream
        self.sources = sources
    }

    static func start() -> SignalWatch {
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        let queue = DispatchQueue(label: "ideogram-tui.signals")
        let seen = SeenCount()
        let sources: [any DispatchSourceSignal] = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)  // the dispatch source takes over
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if seen.increment() > 1 { _exit(128 + number) }
                continuation.yield(number)
            }
            source.resume()
            return source
        }
        return SignalWatch(stream: stream, sources: sources)
    }

    /// The first signal, or nil when the waiting task is cancelled.
    func next() async -> Int32? {
        var iterator = stream.makeAsyncIterator()
        return await iterator.next()
    }

    static func name(_ number: Int32) -> String {
        number == SIGINT ? "SIGINT" : number == SIGTERM ? "SIGTERM" : "signal \(number)"
    }
}

/// Only touched on the signal queue, one handler at a time.
private final class SeenCount: @unchecked Sendable {
    private var count = 0
    func increment() -> Int {
        count += 1
        return count
    }
}
