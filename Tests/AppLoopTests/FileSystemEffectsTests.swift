#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import TerminalUI
@testable import AppLoop

/// The listing performer on a real temporary folder with every awkward kind of entry.
@Suite struct FileSystemEffectsTests {
    @Test func listsAwkwardEntriesSafely() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tui-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer {
            chmod(root + "/locked", 0o755)
            try? FileManager.default.removeItem(atPath: root)
        }
        _ = FileManager.default.createFile(atPath: root + "/ok.png", contents: Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A,
            0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 64, 0, 0, 0, 32, 8, 6, 0, 0, 0]))
        _ = FileManager.default.createFile(atPath: root + "/esc\u{1B}[31m.png", contents: Data("x".utf8))
        symlink(root + "/nowhere", root + "/broken")
        symlink(root + "/loop", root + "/loop")
        try FileManager.default.createDirectory(atPath: root + "/locked", withIntermediateDirectories: false)
        chmod(root + "/locked", 0)
        let badName: [UInt8] = Array((root + "/bad").utf8) + [0xFF, 0xFE] + Array(".png".utf8)
        let fd = (badName + [0]).withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) } }
        #expect(fd >= 0)
        close(fd)

        let listing = FileSystemEffects.listNow(FilePath(root))
        #expect(listing.error == nil)
        func kind(_ name: String) -> FileKind? { listing.entries.first { $0.name == Array(name.utf8) }?.kind }
        #expect(kind("broken") == .brokenLink)
        #expect(kind("loop") == .linkLoop)
        #expect(kind("locked") == .directory)
        #expect(kind("ok.png") == .file)
        let bad = try #require(listing.entries.first { $0.name.contains(0xFF) })
        #expect(bad.displayName.contains("\u{FFFD}"))
        #expect(bad.nameWasAltered)
        let escaped = try #require(listing.entries.first { $0.name.contains(0x1B) })
        #expect(!escaped.displayName.unicodeScalars.contains { $0.value == 0x1B })

        // Root can read anything, so only check the unreadable folder when not root.
        if getuid() != 0 {
            let locked = FileSystemEffects.listNow(FilePath(root + "/locked"))
            #expect(locked.error != nil)
        }
        #expect(FileSystemEffects.inspectNow(FilePath(root + "/ok.png")) == .image(format: "PNG", width: 64, height: 32))
        if case .image = FileSystemEffects.inspectNow(FilePath(bytes: badName)) { Issue.record("an empty file is no image") }
    }

    /// A JPEG whose frame header sits past the first 64 KB read (big EXIF segments): the
    /// inspector reads further, and only for that.
    @Test func findsAJPEGFrameHeaderPastTheFirstRead() throws {
        var jpeg: [UInt8] = [0xFF, 0xD8]
        for _ in 0..<3 {  // three APP1 segments of 40,000 bytes: the SOF is at ~120 KB
            jpeg += [0xFF, 0xE1, UInt8(40_000 >> 8), UInt8(40_000 & 0xFF)] + [UInt8](repeating: 0x41, count: 40_000 - 2)
        }
        jpeg += [0xFF, 0xC0, 0x00, 0x11, 0x08, 0x02, 0x58, 0x03, 0x20, 0x03] + [UInt8](repeating: 0, count: 9)
        jpeg += [0xFF, 0xD9]
        #expect(jpeg.count > FileSystemEffects.headerReads[0])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tui-\(UUID().uuidString).jpg").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(jpeg))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileSystemEffects.inspectNow(FilePath(path)) == .image(format: "JPEG", width: 800, height: 600))
        // Cut before the SOF: truncated, not an image, and no crash.
        let cut = path + ".cut.jpg"
        _ = FileManager.default.createFile(atPath: cut, contents: Data(jpeg.prefix(100_000)))
        defer { try? FileManager.default.removeItem(atPath: cut) }
        guard case .notAnImage = FileSystemEffects.inspectNow(FilePath(cut)) else {
            Issue.record("a JPEG cut before its frame header has no size")
            return
        }
    }

    /// A GIF or TIFF is named as what it is, whatever its name says; text is not an image.
    @Test func unsupportedImagesAreNamedByTheirFormat() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tui-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files: [(String, [UInt8], ImageInspection)] = [
            ("anim.gif", Array("GIF89a".utf8) + [UInt8](repeating: 0, count: 20), .unsupported(format: "GIF")),
            ("scan.png", [0x49, 0x49, 0x2A, 0x00] + [UInt8](repeating: 0, count: 20), .unsupported(format: "TIFF")),
            ("photo.heic", [0, 0, 0, 24] + Array("ftypheic".utf8) + [UInt8](repeating: 0, count: 20), .unsupported(format: "HEIF/AVIF")),
            ("notes.png", Array("just some words\n".utf8), .notAnImage("text, not an image")),
        ]
        for (name, bytes, expected) in files {
            let path = folder + "/" + name
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            #expect(FileSystemEffects.inspectNow(FilePath(path)) == expected, "\(name)")
        }
    }
}
