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
    /// `size` and `modified` were read (`stat`); a listing reads them only for what is drawn.
    public var hasDetails: Bool

    public init(name: [UInt8], kind: FileKind, size: Int64 = 0, modified: Int64 = 0, hasDetails: Bool = true) {
        self.name = name
        self.displayName = TerminalSafeTextBridge.fileName(name)
        self.kind = kind
        self.size = size
        self.modified = modified
        self.hasDetails = hasDetails
        // No folded copy of the name is kept per entry: at 100,000 entries that was 100,000 more
        // heap blocks. `FilesState` keeps the folded names of a folder in one buffer instead.
        self.looksLikeImage = kind.isFileLike && FileEntry.hasImageExtension(name)
    }

    public var isHidden: Bool { name.first == 0x2E }
    /// The name is not valid UTF-8, or holds characters the display had to drop or replace.
    public var nameWasAltered: Bool { String(validating: name, as: UTF8.self) != displayName }

    /// Directories first, then images, then the rest.
    var group: Int { kind.isDirectoryLike ? 0 : (looksLikeImage ? 1 : 2) }

    /// The name says an image the API does not take (GIF, TIFF...): its header is read too,
    /// so the pane can say what it is.
    public var looksLikeOtherImage: Bool {
        kind.isFileLike && !looksLikeImage && FileEntry.hasExtension(name, in: FileEntry.otherImageExtensions)
    }

    static func hasImageExtension<Name: RandomAccessCollection<UInt8>>(_ name: Name) -> Bool where Name.Index == Int {
        hasExtension(name, in: imageExtensions)
    }

    static func hasExtension<Name: RandomAccessCollection<UInt8>>(_ name: Name, in extensions: [[UInt8]]) -> Bool where Name.Index == Int {
        for ext in extensions where name.count > ext.count {
            var matches = true
            for (offset, byte) in ext.enumerated() where fold(name[name.startIndex + name.count - ext.count + offset]) != byte {
                matches = false
                break
            }
            if matches { return true }
        }
        return false
    }

    private static let imageExtensions: [[UInt8]] = [".png", ".jpg", ".jpeg", ".webp"].map { Array($0.utf8) }
    private static let otherImageExtensions: [[UInt8]] =
        [".gif", ".tif", ".tiff", ".bmp", ".heic", ".heif", ".avif"].map { Array($0.utf8) }

    /// ASCII lower case; other bytes (UTF-8 included) are left alone.
    @inline(__always)
    static func fold(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte | 0x20 : byte }

}

/// A folder's contents, or why it could not be read.
public struct DirectoryListing: Hashable, Sendable {
    public var path: FilePath
    public var entries: FolderListing
    /// Set when the folder itself could not be opened (permission, gone, not a folder).
    public var error: String?
    /// Which `.listDirectory` request this answers, so only the latest one is shown.
    public var request: Int

    public init(path: FilePath, entries: FolderListing, error: String? = nil, request: Int = 0) {
        self.path = path
        self.entries = entries
        self.error = error
        self.request = request
    }

    /// A listing whose entries already carry their details (tests, the in-process benchmark).
    public init(path: FilePath, entries: [FileEntry], error: String? = nil, request: Int = 0) {
        self.init(path: path, entries: FolderListing(entries), error: error, request: request)
    }
}

/// What reading an image's header found.
public enum ImageInspection: Hashable, Sendable {
    case image(format: String, width: Int, height: Int)
    /// An image of a kind the API does not take: "GIF", "TIFF", "BMP", "HEIF/AVIF".
    case unsupported(format: String)
    case notAnImage(String)

    /// Why a file with this header cannot be sent, in the words the files pane uses.
    public static func refusal(format: String) -> String {
        "\(format): the API takes PNG, JPEG or WEBP"
    }
}
