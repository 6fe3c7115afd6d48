import Foundation

/// A folder only its owner can enter (the history and the session locks hold prompts and result
/// URLs), created with its parents when missing.
enum OwnerOnlyFolder {
    /// The usual case, a folder that is already there, costs one `stat`: Foundation's
    /// `createDirectory` costs a few hundred microseconds at its first use, and every headless
    /// run makes two on its way to its first request.
    static func ensure(_ path: String) throws {
        var info = stat()
        if stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR { return }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }
}
