import Dispatch
import Foundation

/// Waits for SIGINT or SIGTERM, so a long-running subcommand can stop cleanly.
enum TerminationSignal {
    static func wait() async -> String {
        await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            let queue = DispatchQueue(label: "termination-signal")
            let once = OnceFlag()
            var sources: [DispatchSourceSignal] = []
            for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
                signal(number, SIG_IGN)  // the dispatch source takes over
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler {
                    guard once.claim() else { return }
                    sources.forEach { $0.cancel() }
                    continuation.resume(returning: name)
                }
                source.resume()
                sources.append(source)
            }
        }
    }
}

/// True the first time only; the signal handlers share it.
private final class OnceFlag: @unchecked Sendable {
    private var claimed = false
    private let lock = NSLock()
    func claim() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if claimed { return false }
        claimed = true
        return true
    }
}
