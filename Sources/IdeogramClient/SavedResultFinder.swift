import IdeogramKit
import Foundation

/// Finds a result an earlier run already saved, so a run that resumes a download after a crash
/// (the file was written, the history was not) adopts the file instead of saving a second copy.
public enum SavedResultFinder {
    /// The file saved under `baseName` (or `baseName-2`, `-3`…, as `AtomicFileWriter` names
    /// repeats) whose sidecar names this `url` and `index`. A file without its sidecar is not
    /// taken: nothing proves it is this result.
    public static func find(in directory: String, baseName: String, url: String, index: Int) -> DownloadedFile? {
        let name = ResultDownloader.safeFileName(baseName)
        let extensions = ImageFormat.allCases.map(\.fileExtension) + ["bin"]
        // Names are taken in order, so the first attempt with no file of any extension ends the search.
        for attempt in 1...10_000 {
            let stem = directory + "/" + name + (attempt == 1 ? "" : "-\(attempt)")
            var anyExists = false
            for ext in extensions {
                let path = stem + "." + ext
                guard let size = fileSize(path) else { continue }
                anyExists = true
                if let sidecar = sidecar(at: path + ".json"), sidecar.url == url, sidecar.index == index {
                    return DownloadedFile(path: path, sidecarPath: path + ".json", bytes: size,
                                          format: ImageFormat.allCases.first { $0.fileExtension == ext })
                }
            }
            if !anyExists { return nil }
        }
        return nil
    }

    /// Removes the temporary `.part` files a dead process left while saving under `baseName`;
    /// those of live processes (another run saving the same name) stay. Returns how many went.
    @discardableResult
    public static func removeStaleParts(in directory: String, baseName: String) -> Int {
        let prefix = "." + ResultDownloader.safeFileName(baseName) + ".part-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return 0 }
        var removed = 0
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH, unlink(directory + "/" + name) == 0 { removed += 1 }
        }
        return removed
    }

    private static func fileSize(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    private static func sidecar(at path: String) -> ResultSidecar? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(ResultSidecar.self, from: data)
    }
}
