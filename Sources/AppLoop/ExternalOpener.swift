#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import TerminalUI

/// Opens a URL or file with `$BROWSER` (URLs) or `xdg-open`, by argument vector: no shell
/// ever sees the text. Output goes to /dev/null so it cannot scribble over the screen.
public struct ExternalOpener: Sendable {
    /// How an attempt to open went.
    public enum Outcome: Equatable, Sendable {
        case started
        /// No such program on this machine (a server without a desktop): the caller shows and
        /// copies the text instead.
        case notInstalled(program: String)
        /// Refused or failed, in words for the status bar.
        case failed(String)
    }

    /// The program that opens files (and URLs when `$BROWSER` is not set).
    public var program: String
    /// Where `$BROWSER` is read.
    public var environment: [String: String]

    public init(program: String = "xdg-open", environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.program = program
        self.environment = environment
    }

    public func open(_ target: OpenTarget) -> Outcome {
        let argument: String
        var program = self.program
        switch target {
        case .url(let url):
            guard OpenTarget.url(checking: url) != nil else { return .failed("refused to open a URL that is not http or https") }
            argument = url
            if let browser = environment["BROWSER"]?.split(separator: ":").first, !browser.isEmpty { program = String(browser) }
        case .file(let path):
            guard OpenTarget.file(checking: path) != nil else { return .failed("refused to open a path that is not absolute") }
            argument = path
        }
        return spawn([program, argument])
    }

    private func spawn(_ arguments: [String]) -> Outcome {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd in [Int32(0), 1, 2] {
            posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let result = posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ)
        if result == ENOENT { return .notInstalled(program: arguments[0]) }
        if result != 0 { return .failed("could not start \(arguments[0]): \(String(cString: strerror(result)))") }
        // Reap it in the background so no zombie is left.
        let child = pid
        DispatchQueue.global(qos: .background).async {
            var status: Int32 = 0
            _ = waitpid(child, &status, 0)
        }
        return .started
    }
}
