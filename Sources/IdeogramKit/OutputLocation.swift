import Foundation

/// Where results go when the user names no folder, following the XDG conventions.
public enum OutputLocation {
    /// `$XDG_PICTURES_DIR/ideogram-tui`, else `~/Pictures/ideogram-tui` when `~/Pictures`
    /// exists, else `$XDG_DATA_HOME/ideogram-tui/results` (default `~/.local/share/...`).
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let home = environment["HOME"] ?? NSHomeDirectory()
        if let pictures = environment["XDG_PICTURES_DIR"], pictures.hasPrefix("/") {
            return pictures + "/ideogram-tui"
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: home + "/Pictures", isDirectory: &isDirectory), isDirectory.boolValue {
            return home + "/Pictures/ideogram-tui"
        }
        return dataDirectory(environment: environment) + "/results"
    }

    /// `$XDG_DATA_HOME/ideogram-tui`, default `~/.local/share/ideogram-tui`.
    public static func dataDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let home = environment["HOME"] ?? NSHomeDirectory()
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return data + "/ideogram-tui" }
        return home + "/.local/share/ideogram-tui"
    }

    /// The file name stem for result `index` of `count` from `source`: `beach-upscaled-1234`, and
    /// `-2`, `-3`… after it when one request asked for several images.
    public static func resultBaseName(sourcePath: String, seed: Int, index: Int, count: Int) -> String {
        let file = SourceImage.lastComponent(of: sourcePath)
        let stem = file.contains(".") ? String(file[..<file.lastIndex(of: ".")!]) : file
        return "\(stem.isEmpty ? "image" : stem)-upscaled-\(seed)" + (count > 1 ? "-\(index + 1)" : "")
    }
}
