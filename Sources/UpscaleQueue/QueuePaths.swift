import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the queue keeps its history and saves results by default, following the XDG base
/// directory conventions. Pure functions of the environment, so they can be tested.
public enum QueuePaths {
    public static let appFolder = "ideogram-tui"

    /// `$XDG_DATA_HOME/ideogram-tui/history.sqlite`, `$XDG_DATA_HOME` defaulting to ~/.local/share.
    public static func defaultHistoryPath(environment: [String: String] = processEnvironment()) -> String {
        dataHome(environment) + "/" + appFolder + "/history.sqlite"
    }

    /// `$XDG_PICTURES_DIR/ideogram-tui` when that is set; else ~/Pictures/ideogram-tui when
    /// ~/Pictures exists; else `$XDG_DATA_HOME/ideogram-tui/results`.
    public static func defaultOutputDirectory(
        environment: [String: String] = processEnvironment(),
        isDirectory: (String) -> Bool = QueuePaths.isDirectory
    ) -> String {
        if let pictures = absolute(environment["XDG_PICTURES_DIR"]) {
            return pictures + "/" + appFolder
        }
        let home = homeDirectory(environment)
        if isDirectory(home + "/Pictures") {
            return home + "/Pictures/" + appFolder
        }
        return dataHome(environment) + "/" + appFolder + "/results"
    }

    static func dataHome(_ environment: [String: String]) -> String {
        absolute(environment["XDG_DATA_HOME"]) ?? homeDirectory(environment) + "/.local/share"
    }

    static func homeDirectory(_ environment: [String: String]) -> String {
        if let home = absolute(environment["HOME"]) { return home }
        if let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir { return String(cString: dir) }
        return "/tmp"
    }

    /// XDG says relative paths in these variables are invalid and must be ignored.
    static func absolute(_ value: String?) -> String? {
        guard var value, value.hasPrefix("/") else { return nil }
        while value.count > 1 && value.hasSuffix("/") { value.removeLast() }
        return value
    }

    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    public static func processEnvironment() -> [String: String] {
        ProcessInfo.processInfo.environment
    }
}
