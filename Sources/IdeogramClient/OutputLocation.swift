import IdeogramKit
import Foundation

/// Where results go when the user names no folder, and what they are called, following the XDG
/// conventions. Pure functions of the environment, so they can be tested.
public enum OutputLocation {
    public static let appFolder = "ideogram-tui"

    /// `$XDG_PICTURES_DIR/ideogram-tui`, else `~/Pictures/ideogram-tui` when `~/Pictures`
    /// exists, else `$XDG_DATA_HOME/ideogram-tui/results` (default `~/.local/share/...`).
    public static func defaultDirectory(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        isDirectory: (String) -> Bool = OutputLocation.isDirectory
    ) -> String {
        if let pictures = absolute(environment["XDG_PICTURES_DIR"]) {
            return pictures + "/" + appFolder
        }
        let home = homeDirectory(environment)
        if isDirectory(home + "/Pictures") {
            return home + "/Pictures/" + appFolder
        }
        return dataDirectory(environment: environment) + "/results"
    }

    /// `$XDG_DATA_HOME/ideogram-tui`, default `~/.local/share/ideogram-tui`.
    public static func dataDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        (absolute(environment["XDG_DATA_HOME"]) ?? homeDirectory(environment) + "/.local/share") + "/" + appFolder
    }

    /// The file name stem for result `index` of `count` from `source`: `beach-upscaled-1234`, and
    /// `-2`, `-3`… after it when one request asked for several images.
    public static func resultBaseName(sourcePath: String, seed: Int, index: Int, count: Int) -> String {
        let file = SourceImage.lastComponent(of: sourcePath)
        // A leading dot starts a hidden name, not an extension.
        let stem = file.lastIndex(of: ".").flatMap { $0 == file.startIndex ? nil : String(file[..<$0]) } ?? file
        return "\(stem.isEmpty ? "image" : stem)-upscaled-\(seed)" + (count > 1 ? "-\(index + 1)" : "")
    }

    public static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func homeDirectory(_ environment: [String: String]) -> String {
        absolute(environment["HOME"]) ?? NSHomeDirectory()
    }

    /// XDG says relative paths in these variables are invalid and must be ignored.
    static func absolute(_ value: String?) -> String? {
        guard var value, value.hasPrefix("/") else { return nil }
        while value.count > 1 && value.hasSuffix("/") { value.removeLast() }
        return value
    }
}
