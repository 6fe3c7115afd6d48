import Foundation

/// One source file's journey in a plain run: upscale, then download every result at once (the
/// URLs expire), each with its sidecar.
public struct UpscaleAndSave: Sendable {
    public enum Stage: Sendable, Equatable {
        case upload(UploadProgress)
        case downloading(index: Int, of: Int)
    }

    /// What became of one image of the answer.
    public enum SavedImage: Sendable, Equatable {
        case saved(UpscaledImage, DownloadedFile)
        /// The safety check withheld it: billed, but there is nothing to fetch.
        case withheld(UpscaledImage)
        case downloadFailed(UpscaledImage, DownloadError)
        /// The caller asked for URLs only; they expire, so the caller owns fetching them.
        case notDownloaded(UpscaledImage)
    }

    public let client: UpscaleClient
    public let downloader: ResultDownloader
    /// nil: report the URLs without saving the images.
    public let outputDirectory: String?

    public init(client: UpscaleClient, downloader: ResultDownloader, outputDirectory: String?) {
        self.client = client
        self.downloader = downloader
        self.outputDirectory = outputDirectory
    }

    public func run(
        image: SourceImage,
        request: UpscaleRequest,
        onStage: (@Sendable (Stage) -> Void)? = nil
    ) async throws(UpscaleError) -> [SavedImage] {
        let submitted = Date()
        let result = try await client.upscale(image: image, request: request) { onStage?(.upload($0)) }
        let answered = Date()
        var saved: [SavedImage] = []
        for (index, upscaled) in result.images.enumerated() {
            guard let url = upscaled.url else {
                saved.append(.withheld(upscaled))
                continue
            }
            guard let outputDirectory else {
                saved.append(.notDownloaded(upscaled))
                continue
            }
            onStage?(.downloading(index: index, of: result.images.count))
            let sidecar = ResultSidecar(sourcePath: image.path, endpoint: client.endpoint, request: request, image: upscaled,
                                        index: index, created: result.created, submittedAt: submitted, answeredAt: answered)
            let name = OutputLocation.resultBaseName(sourcePath: image.path, seed: upscaled.seed, index: index, count: result.images.count)
            saved.append(await download(url: url, into: outputDirectory, name: name, sidecar: sidecar, image: upscaled))
        }
        return saved
    }

    /// Bounded retries: the URL is only good for a while, so a passing failure is worth a retry
    /// and an expired one is not.
    private func download(url: String, into outputDirectory: String, name: String, sidecar: ResultSidecar, image: UpscaledImage) async -> SavedImage {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return .saved(image, try await downloader.download(url: url, into: outputDirectory, baseName: name, sidecar: sidecar))
            } catch {
                guard error.isRetryable, attempt < 3 else { return .downloadFailed(image, error) }
                try? await Task.sleep(for: .milliseconds(300 * attempt))
            }
        }
    }
}
