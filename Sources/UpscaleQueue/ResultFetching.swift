import IdeogramClient
import IdeogramKit

/// Downloads one result URL to a file the client names, abstracted so tests can script it.
/// `ResultDownloader` conforms.
public protocol ResultFetching: Sendable {
    func fetch(url: String, into directory: String, baseName: String, sidecar: ResultSidecar?) async throws(DownloadError) -> DownloadedFile
}

extension ResultDownloader: ResultFetching {
    public func fetch(url: String, into directory: String, baseName: String, sidecar: ResultSidecar?) async throws(DownloadError) -> DownloadedFile {
        try await download(url: url, into: directory, baseName: baseName, sidecar: sidecar)
    }
}
