import IdeogramKit
import AsyncHTTPClient
import NIOCore

/// A result saved to disk.
public struct DownloadedFile: Sendable, Equatable, Codable {
    public var path: String
    public var sidecarPath: String?
    public var bytes: Int
    /// What the bytes are, judged by their header; nil for something unexpected.
    public var format: ImageFormat?

    public init(path: String, sidecarPath: String?, bytes: Int, format: ImageFormat?) {
        self.path = path
        self.sidecarPath = sidecarPath
        self.bytes = bytes
        self.format = format
    }
}

/// Fetches result URLs to files whose names the client chooses (never the server), atomically,
/// with a JSON sidecar beside each.
public struct ResultDownloader: Sendable {
    public static let defaultMaxBytes = 512 * 1024 * 1024

    private let http: HTTPClient
    private let timeout: Duration
    private let maxBytes: Int

    public init(http: HTTPClient, timeout: Duration = .seconds(120), maxBytes: Int = defaultMaxBytes) {
        self.http = http
        self.timeout = timeout
        self.maxBytes = maxBytes
    }

    /// Downloads `url` into `directory` as `baseName` plus an extension chosen from the bytes.
    /// The sidecar, when given, is written as the same name plus `.json` after the image.
    public func download(
        url: String,
        into directory: String,
        baseName: String,
        sidecar: ResultSidecar? = nil
    ) async throws(DownloadError) -> DownloadedFile {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else {
            throw .unsupportedURL(TerminalSafeText.sanitize(url, limit: 120))
        }
        let name = Self.safeFileName(baseName)
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: UpscaleClient.userAgent)

        let writer: AtomicFileWriter
        do { writer = try AtomicFileWriter(directory: directory, hint: name) } catch { throw .fileSystem(error) }
        do {
            let response = try await http.execute(request, timeout: .nanoseconds(timeout.nanoseconds))
            let status = Int(response.status.code)
            switch status {
            case 200: break
            case 403, 404, 410: throw DownloadError.expired(status: status)
            default: throw DownloadError.httpStatus(status)
            }
            var head: [UInt8] = []
            for try await chunk in response.body {
                if writer.written + chunk.readableBytes > maxBytes { throw DownloadError.tooLarge(limit: maxBytes) }
                if head.count < 64 { head += chunk.readableBytesView.prefix(64 - head.count) }
                try chunk.withUnsafeReadableBytes { raw throws(FileWriteError) in try writer.append(raw) }
            }
            guard writer.written > 0 else { throw DownloadError.emptyBody }
            let format = try? ImageSniffer.sniff(head).format
            let bytes = writer.written
            let path = try writer.commit(name: name, ext: format?.fileExtension ?? "bin")
            var sidecarPath: String?
            if var sidecar {
                sidecar.downloadedAt = .now
                let target = path + ".json"
                try AtomicFileWriter.writeCompanion(Array(sidecar.encoded()), to: target)
                sidecarPath = target
            }
            return DownloadedFile(path: path, sidecarPath: sidecarPath, bytes: bytes, format: format)
        } catch let error as DownloadError {
            writer.discard()
            throw error
        } catch let error as FileWriteError {
            writer.discard()
            throw .fileSystem(error)
        } catch {
            writer.discard()
            throw Self.map(error, seconds: Int(timeout.components.seconds))
        }
    }

    static func map(_ error: any Error, seconds: Int) -> DownloadError {
        if error is CancellationError { return .cancelled }
        if let http = error as? HTTPClientError {
            switch http {
            case .cancelled: return .cancelled
            case .deadlineExceeded, .readTimeout, .connectTimeout: return .timeout(seconds: seconds)
            default: break
            }
        }
        return .network(UpscaleClient.describe(error))
    }

    /// A name that stays inside the folder and reads well in a listing.
    static func safeFileName(_ name: String) -> String {
        var mapped = String(TerminalSafeText.sanitize(name, limit: 120).map { $0 == "/" || $0 == "\\" ? "_" : $0 })
        while mapped.hasPrefix(".") { mapped.removeFirst() }
        return mapped.isEmpty ? "result" : mapped
    }
}

public enum DownloadError: Error, Sendable, Equatable, CustomStringConvertible {
    case unsupportedURL(String)
    /// The signed URL has expired (or the result is gone): the image cannot be fetched again.
    case expired(status: Int)
    case httpStatus(Int)
    case emptyBody
    case tooLarge(limit: Int)
    case timeout(seconds: Int)
    case network(String)
    case fileSystem(FileWriteError)
    case cancelled

    /// Worth another try: the URL may still be good.
    public var isRetryable: Bool {
        switch self {
        case .timeout, .network, .emptyBody: true
        case .httpStatus(let status): status >= 500 || status == 429
        default: false
        }
    }

    public var description: String {
        switch self {
        case .unsupportedURL(let url): "refusing to download \(url): only http and https URLs are fetched"
        case .expired(let status): "the result URL has expired (\(status)); the image can no longer be fetched"
        case .httpStatus(let status): "the download failed with status \(status)"
        case .emptyBody: "the download was empty"
        case .tooLarge(let limit): "the download is over \(ByteCount.format(limit))"
        case .timeout(let s): "the download took longer than \(s) s"
        case .network(let m): "the download failed: \(m)"
        case .fileSystem(let e): "cannot save the result: \(e)"
        case .cancelled: "the download was cancelled"
        }
    }
}
