import AppSettings
import Foundation

/// The bytes as `config.toml`: written to a file, loaded as the UI and every command load it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let path = configPath
    FileManager.default.createFile(atPath: path, contents: Data(UnsafeBufferPointer(start: start, count: count)))
    _ = try? ConfigurationFile.load(path: path, directories: XDGDirectories(environment: ["HOME": "/nonexistent-home"]))
    return 0
}

/// One file per process, rewritten for every input.
private let configPath = FileManager.default.temporaryDirectory
    .appendingPathComponent("ideogram-fuzz-config-\(getpid()).toml").path
