import Foundation
import IdeogramClient
import IdeogramKit

/// Where the queue keeps its history by default. Results go to
/// `OutputLocation.defaultDirectory` unless the user says otherwise.
public enum QueuePaths {
    /// `$XDG_DATA_HOME/ideogram-tui/history.sqlite`, `$XDG_DATA_HOME` defaulting to ~/.local/share.
    public static func defaultHistoryPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        OutputLocation.dataDirectory(environment: environment) + "/history.sqlite"
    }
}
