import Dispatch
import Foundation

/// What a signal asks of a run.
enum StopRequest: Sendable, Equatable {
    /// The first Ctrl-C: send nothing new, but see the requests already sent through, since
    /// their results are paid for.
    case finishSent
    /// SIGTERM, or Ctrl-C again: stop now, abandoning what is in flight.
    case stopNow
}

/// One signal and what it asks.
struct CaughtSignal: Sendable, Equatable {
    let number: Int32
    let request: StopRequest

    var name: String { SignalWatch.name(number) }
}

/// The order in which signals escalate: SIGINT finishes what was sent, then SIGINT again (or
/// SIGTERM at any point) stops now, and a signal after that ends the process at once.
struct StopLadder: Sendable {
    private var stopping = false
    private var finishing = false

    /// What `number` asks for now, or nil when the process should end at once.
    mutating func request(for number: Int32) -> StopRequest? {
        if stopping { return nil }
        if number == SIGINT && !finishing {
            finishing = true
            return .finishSent
        }
        stopping = true
        return .stopNow
    }
}

/// Turns SIGINT and SIGTERM into values a run can wait for (see `StopLadder`); ending the
/// process at once loses nothing recorded, since the history is consistent at every moment.
final class SignalWatch: Sendable {
    private let stream: AsyncStream<CaughtSignal>
    /// Only kept alive: never touched after `start`.
    nonisolated(unsafe) private let sources: [any DispatchSourceSignal]

    private init(stream: AsyncStream<CaughtSignal>, sources: [any DispatchSourceSignal]) {
        self.stream = stream
        self.sources = sources
    }

    static func start() -> SignalWatch {
        let (stream, continuation) = AsyncStream<CaughtSignal>.makeStream()
        let queue = DispatchQueue(label: "ideogram-tui.signals")
        let ladder = LadderBox()
        let sources: [any DispatchSourceSignal] = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)  // the dispatch source takes over
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                guard let request = ladder.value.request(for: number) else { _exit(128 + number) }
                continuation.yield(CaughtSignal(number: number, request: request))
            }
            source.resume()
            return source
        }
        return SignalWatch(stream: stream, sources: sources)
    }

    /// The next signal, or nil when the waiting task is cancelled. One waiter at a time.
    func next() async -> CaughtSignal? {
        var iterator = stream.makeAsyncIterator()
        return await iterator.next()
    }

    static func name(_ number: Int32) -> String {
        number == SIGINT ? "SIGINT" : number == SIGTERM ? "SIGTERM" : "signal \(number)"
    }
}

/// Only touched on the signal queue, one handler at a time.
private final class LadderBox: @unchecked Sendable {
    var value = StopLadder()
}
