#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A plain TCP listener on 127.0.0.1 that takes one connection and lets a test read exactly
/// what arrives, when it arrives. Blocking calls, so run them off the cooperative pool
/// (`onThread`).
final class LoopbackListener: @unchecked Sendable {
    let port: Int
    private let listening: Int32
    private var connection: Int32 = -1

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(descriptor, pointer, length) == 0 && listen(descriptor, 1) == 0
                    && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard bound else {
            close(descriptor)
            throw POSIXError(.EADDRNOTAVAIL)
        }
        listening = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        if connection >= 0 { close(connection) }
        close(listening)
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Waits up to `seconds` for the client to connect.
    func accept(within seconds: Double) -> Bool {
        guard Self.readable(listening, within: seconds) else { return false }
        connection = Glibc.accept(listening, nil, nil)
        return connection >= 0
    }

    /// Reads until `marker` has arrived (or `seconds` pass without data); returns what came.
    func read(until marker: String, within seconds: Double) -> [UInt8] {
        var got: [UInt8] = []
        let needle = Array(marker.utf8)
        while got.firstRange(of: needle) == nil {
            guard let chunk = readSome(within: seconds), !chunk.isEmpty else { break }
            got += chunk
        }
        return got
    }

    /// Reads `count` bytes (fewer if the connection ends or stays quiet for `seconds`).
    func read(count: Int, within seconds: Double) -> [UInt8] {
        var got: [UInt8] = []
        while got.count < count {
            guard let chunk = readSome(within: seconds, max: count - got.count), !chunk.isEmpty else { break }
            got += chunk
        }
        return got
    }

    /// Nil when nothing arrived within `seconds`; empty when the client closed the connection.
    func readSome(within seconds: Double, max: Int = 65_536) -> [UInt8]? {
        guard Self.readable(connection, within: seconds) else { return nil }
        var buffer = [UInt8](repeating: 0, count: max)
        let count = Glibc.read(connection, &buffer, max)
        return count <= 0 ? [] : Array(buffer[0..<count])
    }

    func send(_ text: String) {
        _ = text.withCString { write(connection, $0, strlen($0)) }
    }

    private static func readable(_ descriptor: Int32, within seconds: Double) -> Bool {
        var watched = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&watched, 1, Int32(seconds * 1000)) == 1
    }

    /// Runs blocking work on a thread of its own.
    static func onThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: work()) }
        }
    }
}
