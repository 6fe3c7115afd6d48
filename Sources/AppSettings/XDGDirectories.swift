import Foundation
import IdeogramClient
import IdeogramKit

/// The XDG base directories this program uses, each under an `ideogram-tui` folder.
public struct XDGDirectories: Sendable, Equatable {
    public var home: String
    public var config: String
    public var state: String
    public var data: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let home = environment["HOME"] ?? NSHomeDirectory()
        self.home = home
        func base(_ variable: String, _ fallback: String) -> String {
            if let value = environment[variable], value.hasPrefix("/") { return value + "/ideogram-tui" }
            return home + "/" + fallback + "/ideogram-tui"
        }
        config = base("XDG_CONFIG_HOME", ".config")
        state = base("XDG_STATE_HOME", ".local/state")
        data = OutputLocation.dataDirectory(environment: environment)
    }

    public var configFile: String { config + "/config.toml" }
    public var keyFile: String { config + "/key" }
    public var logFile: String { state + "/ideogram-tui.log" }

    /// `~/x` to `/home/me/x`; other paths unchanged.
    public func expandingTilde(_ path: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + path.dropFirst(1) }
        return path
    }
}
