import Foundation
import IdeogramClient
import IdeogramKit
import UpscaleQueue

/// A `ResultFetching` that writes small files for real (image and sidecar) unless told to fail
/// the URLs containing some text; records every call.
final class ScriptedFetcher: ResultFetching {
    private actor State {
        var failures: [(match: String, errors: [DownloadError])] = []
        var calls: [String] = []
        var holds: [String] = []
        var released = false

        func shouldHold(_ url: String) -> Bool { !released && holds.contains { url.contains($0) } }
        func hold(_ text: String) { holds.append(text) }
        func release() { released = true }

        func next(for url: String) -> DownloadError? {
            calls.append(url)
            guard let index = failures.firstIndex(where: { url.contains($0.match) && !$0.errors.isEmpty }) else { return nil }
            return failures[index].errors.removeFirst()
        }

        func add(_ errors: [DownloadError], matching text: String) { failures.append((text, errors)) }
    }

    private let state = State()

    /// The next fetches of URLs containing `text` fail with these errors, in order.
    func fail(matching text: String, _ errors: DownloadError...) async {
        await state.add(errors, matching: text)
    }

    /// Fetches of URLs containing `text` wait until `release()`, or throw `.cancelled` when
    /// their task is cancelled.
    func hold(matching text: String) async {
        await state.hold(text)
    }

    func release() async {
        await state.release()
    }

    var calls: [String] { get async { await state.calls } }

    func fetch(url: String, into directory: String, baseName: String, sidecar: ResultSidecar?) async throws(DownloadError) -> DownloadedFile {
        if let error = await state.next(for: url) { throw error }
        while await state.shouldHold(url) {
            do { try await Task.sleep(for: .milliseconds(1)) } catch { throw .cancelled }
        }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/" + baseName + ".png"
        _ = FileManager.default.createFile(atPath: path, contents: Data(TestImages.png()))
        var sidecarPath: String?
        if let sidecar {
            sidecarPath = path + ".json"
            _ = FileManager.default.createFile(atPath: path + ".json", contents: sidecar.encoded())
        }
        return DownloadedFile(path: path, sidecarPath: sidecarPath, bytes: TestImages.png().count, format: .png)
    }
}
