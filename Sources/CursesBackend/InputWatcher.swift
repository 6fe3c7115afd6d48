#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AppLoop
import Dispatch
import Foundation

/// Waits, on its own thread, for keys on stdin or a signal byte on the wake pipe, and says
/// so. It never calls ncurses: the curses actor reads the keys, then calls `resume()`. Until
/// then the watcher sleeps, so waiting input is never reported twice and nothing spins.
final class InputWatcher: Sendable {
    enum Event: Sendable { case inputReady, resized, terminate }

    let wakeRead: Int32
    let wakeWrite: Int32
    private let drained = DispatchSemaphore(value: 0)

    init() throws(TerminalStartError) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw .notATerminal }
        wakeRead = fds[0]
        wakeWrite = fds[1]
        _ = fcntl(wakeWrite, F_SETFL, fcntl(wakeWrite, F_GETFL) | O_NONBLOCK)
    }

    func start(_ report: @escaping @Sendable (Event) -> Void) {
        let thread = Thread { [self] in
            var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            while true {
                fds[0].revents = 0
                fds[1].revents = 0
                let n = poll(&fds, 2, -1)
                if n < 0 { if errno == EINTR { continue } else { report(.terminate); return } }
                if fds[1].revents & Int16(POLLIN) != 0 {
                    var byte: UInt8 = 0
                    _ = read(wakeRead, &byte, 1)
                    if byte == UInt8(ascii: "W") { report(.resized); continue }
                    report(.terminate)
                    return
                }
                if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 && fds[0].revents & Int16(POLLIN) == 0 {
                    report(.terminate)
                    return
                }
                if fds[0].revents & Int16(POLLIN) != 0 {
                    report(.inputReady)
                    drained.wait()
                }
            }
        }
        thread.name = "ideogram-tui input"
        thread.start()
    }

    /// The actor has read what was waiting: watch again.
    func resume() { drained.signal() }

    /// Stops the thread by waking it with a quit byte.
    func stop() {
        var byte = UInt8(ascii: "Q")
        _ = write(wakeWrite, &byte, 1)
        drained.signal()
    }
}
