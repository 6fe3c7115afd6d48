import IdeogramKit
extension ResultDownloader {
    /// Saves a result already in memory as `download` saves a fetched one: into `directory` as
    /// `baseName` plus an extension chosen from the bytes, atomically, with the sidecar beside
    /// it. For a service running in this process (the demo), whose results need no HTTP.
    public static func save(_ bytes: [UInt8], into directory: String, baseName: String,
                            sidecar: ResultSidecar? = nil) throws(DownloadError) -> DownloadedFile {
        guard !bytes.isEmpty else { throw .emptyBody }
        do {
            return try write(bytes, into: directory, name: safeFileName(baseName), sidecar: sidecar)
        } catch {
            throw .fileSystem(error)
        }
    }

    private static func write(_ bytes: [UInt8], into directory: String, name: String,
                              sidecar: ResultSidecar?) throws(FileWriteError) -> DownloadedFile {
        // On a failure the writer drops its temporary file when it goes away.
        let writer = try AtomicFileWriter(directory: directory, hint: name)
        // withUnsafeBytes rethrows untyped, so the write's outcome comes out as a Result.
        try bytes.withUnsafeBytes { raw in Result { () throws(FileWriteError) in try writer.append(raw) } }.get()
        let format = try? ImageSniffer.sniff(Array(bytes.prefix(64))).format
        let path = try writer.commit(name: name, ext: format?.fileExtension ?? "bin")
        var sidecarPath: String?
        if var sidecar {
            sidecar.downloadedAt = .now
            sidecarPath = path + ".json"
            try AtomicFileWriter.writeCompanion(Array(sidecar.encoded()), to: path + ".json")
        }
        return DownloadedFile(path: path, sidecarPath: sidecarPath, bytes: bytes.count, format: format)
    }
}
