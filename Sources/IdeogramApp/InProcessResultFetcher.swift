import FakeIdeogramCore
import Foundation
import IdeogramClient
import IdeogramKit
import NIOCore
import UpscaleQueue

/// The demo's result downloads, taken from the fake service's backend in this process: the URL
/// is checked (signature, expiry) as the HTTP service checks it, and the picture is saved
/// through the client's own atomic writer and sidecar (`ResultDownloader.save`).
public struct InProcessResultFetcher: ResultFetching {
    let backend: FakeBackend

    public init(backend: FakeBackend) {
        self.backend = backend
    }

    public func fetch(url: String, into directory: String, baseName: String, sidecar: ResultSidecar?) async throws(DownloadError) -> DownloadedFile {
        let prefix = backend.resultBaseURL + "/images/"
        guard url.hasPrefix(prefix), let components = URLComponents(string: url) else {
            throw .unsupportedURL(TerminalSafeText.sanitize(url, limit: 120))
        }
        let query = components.queryItems ?? []
        func value(_ name: String) -> String? { query.first { $0.name == name }?.value }
        let png: [UInt8]
        do {
            let file = String(components.path.split(separator: "/").last ?? "")
            png = Array(try backend.resultPNG(file: file, expiry: value("exp"), signature: value("sig")).readableBytesView)
        } catch {
            switch error.status {
            case 403, 404, 410: throw .expired(status: error.status)
            default: throw .httpStatus(error.status)
            }
        }
        if Task.isCancelled { throw .cancelled }
        return try ResultDownloader.save(png, into: directory, baseName: baseName, sidecar: sidecar)
    }
}
