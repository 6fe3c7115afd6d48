/// What a directory entry is, as `lstat` and `stat` tell.
public enum FileKind: Hashable, Sendable {
    case directory
    case file
    case symlinkToDirectory
    case symlinkToFile
    /// A link whose target does not exist.
    case brokenLink
    /// A link that leads back to itself (`ELOOP`).
    case linkLoop
    /// A device, socket or pipe.
    case special
    /// `lstat` itself failed; the reason is kept to show.
    case unreadable(String)

    public var isDirectoryLike: Bool { self == .directory || self == .symlinkToDirectory }
    public var isFileLike: Bool { self == .file || self == .symlinkToFile }
}

/// One entry of a listed folder.
public struct FileEntry: Hashable, Sendable {
    /// The name's bytes as read from the folder.
    public var name: [UInt8]
    /// The name made safe to draw (invalid UTF-8 shown as U+FFFD, controls removed).
    public var displayName: String
    public var kind: FileKind
    public var size: Int64
    /// Seconds since 1970.
    public var modified: Int64
    /// The name ends in .png, .jpg, .jpeg or .webp; the header, read later, has the last word.
    public var looksLikeImage: Bool
    /// Lower-cased ASCII bytes of the name, for sorting and filtering without allocating.
    public var foldedName: [UInt8]

    public init(name: [UInt8], kind: FileKind, size: Int64 = 0, modified: Int64 = 0) {
        self.name = name
        self.displayName = TerminalSafeTextBridge.fileName(name)
        self.kind = kind
        self.size = size
        self.modified = modified
        self.foldedName = name.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        self.looksLikeImage = kind.isFileLike && FileEntry.hasImageExtension(foldedName)
    }

    public var isHidden: Bool { name.first == 0x2E }
    /// The name is not valid UTF-8, or holds characters the display had to drop or replace.
    public var nameWasAltered: Bool { String(validating: name, as: UTF8.self) != displayName }

    /// Directories first, then images, then the rest.
    var group: Int { kind.isDirectoryLike ? 0 : (looksLikeImage ? 1 : 2) }

    static func hasImageExtension(_ folded: [UInt8]) -> Bool {
        for ext in [".png", ".jpg", ".jpeg", ".webp"] {
            let e = Array(ext.utf8)
            if folded.count > e.count && Array(folded.suffix(e.count)) == e { return true }
        }
        return false
    }
}

/// A folder's contents, or why it could not be read.
public struct DirectoryListing: Hashable, Sendable {
    public var path: FilePath
    public var entries: [FileEntry]
    /// Set when the folder itself could not be opened (permission, gone, not a folder).
    public var error: String?

    public init(path: FilePath, entries: [FileEntry], error: String? = nil) {
        self.path = path
        self.entries = entries
        self.error = error
    }
}

/// What reading an image's header found.
public enum ImageInspection: Hashable, Sendable {
    case image(format: String, width: Int, height: Int)
    case notAnImage(String)
}
