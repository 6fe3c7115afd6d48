import Foundation

/// A temporary folder of tiny images (PNG headers are all the sizes need) and one text file.
struct ScenarioFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "scenario-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path + "/more", withIntermediateDirectories: true)
        for (name, width, height) in [("beach.png", 64, 32), ("city.png", 40, 30), ("forest.png", 20, 20)] {
            _ = FileManager.default.createFile(atPath: path + "/" + name, contents: Self.pngHeader(width: width, height: height))
        }
        _ = FileManager.default.createFile(atPath: path + "/notes.txt", contents: Data("not an image".utf8))
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// The signature and IHDR chunk of a PNG: enough for the sniffer to read the size.
    static func pngHeader(width: Int, height: Int) -> Data {
        func be32(_ value: Int) -> [UInt8] { [24, 16, 8, 0].map { UInt8((value >> $0) & 0xFF) } }
        return Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
            + be32(width) + be32(height) + [8, 6, 0, 0, 0])
    }
}
