/// Entries of the listed folder to `stat` (`Effect.readFileDetails`): those drawn, or every
/// one not read yet when sorting by time or size.
public struct FileDetailsRequest: Hashable, Sendable {
    public var folder: FilePath
    /// The listing these entries belong to (`FilesState.listingRequest`).
    public var listingRequest: Int
    /// Each entry's id in that listing (`FolderListing.id(at:)`), in the order of `names`.
    public var ids: [Int32]
    public var names: FileNameTable

    public init(folder: FilePath, listingRequest: Int, ids: [Int32], names: FileNameTable) {
        self.folder = folder
        self.listingRequest = listingRequest
        self.ids = ids
        self.names = names
    }
}

/// What `stat` found for a `FileDetailsRequest` (`Action.fileDetailsRead`).
public struct FileDetailsAnswer: Hashable, Sendable {
    public var folder: FilePath
    public var listingRequest: Int
    public var ids: [Int32]
    /// One per id, in the same order.
    public var details: [FileDetails]

    public init(folder: FilePath, listingRequest: Int, ids: [Int32], details: [FileDetails]) {
        self.folder = folder
        self.listingRequest = listingRequest
        self.ids = ids
        self.details = details
    }
}
