import IdeogramKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore
import NIOPosix

/// Plain words for the failures to connect a user can act on (a wrong address or port, a
/// service that is not running, a host name that does not resolve), instead of NIO's
/// descriptions of them.
enum ConnectionFailureText {
    /// `address` names where the client connected, when the error does not.
    static func describe(_ error: any Error, address: String?) -> String? {
        if let failure = error as? NIOConnectionError {
            let host = TerminalSafeText.sanitize(failure.host, limit: 120)
            if failure.connectionErrors.contains(where: { isRefusal($0.error) }) {
                return "connection refused: nothing listens at \(host):\(failure.port)"
            }
            if failure.connectionErrors.isEmpty, failure.dnsAError != nil || failure.dnsAAAAError != nil {
                return "the host name \(host) could not be resolved"
            }
            return nil
        }
        guard isRefusal(error) else { return nil }
        let target = address.map { TerminalSafeText.sanitize($0, limit: 120) } ?? "the server"
        return "connection refused: nothing listens at \(target)"
    }

    private static func isRefusal(_ error: any Error) -> Bool {
        (error as? IOError)?.errnoCode == ECONNREFUSED
    }
}
