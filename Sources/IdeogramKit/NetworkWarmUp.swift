import Foundation
import NIOPosix

/// One-time costs of a process's first request, paid on a thread of their own while the
/// command line and the files are checked (one core is idle then), instead of on the way to
/// the first byte sent. Nothing here touches the network: it starts NIO's shared event loops,
/// which every `HTTPClient.forIdeogram` uses, and has the runtime build what printing a value
/// without a description needs (async-http-client prints its connection pool's key when it
/// makes the pool: the process's first `Mirror`, about 1 ms). An upload: about 1.5 ms sooner
/// (BENCHMARKS.md).
public enum NetworkWarmUp {
    public static func start() {
        Thread.detachNewThread {
            _ = MultiThreadedEventLoopGroup.singleton
            _ = String(describing: Undescribed.value)
        }
    }

    /// A type with no description of its own, so printing it goes through `Mirror`.
    private enum Undescribed { case value }
}
