import FakeIdeogramCore
import Foundation
import ImagePreview
import Testing
import TerminalUI
@testable import IdeogramApp

/// The wiring between the UI's preview slots and ImagePreview, on real files.
@Suite struct LoaderPreviewProviderTests {
    static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "preview-provider-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func aPictureComesBackSizedToTheBoxWithItsFactsAndIsThenCached() async throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/sample.png"
        try Data(try SamplePictures.png(width: 320, height: 240, seed: 7)).write(to: URL(fileURLWithPath: path))
        let provider = LoaderPreviewProvider(colors: .indexed256)
        let key = PreviewRequestKey(path: FilePath(path), columns: 40, rows: 12)
        #expect(provider.cached(.file, key) == nil)
        let outcome = await provider.load(.file, key)
        guard case .picture(let picture, let facts) = outcome else {
            Issue.record("no picture: \(String(describing: outcome))")
            return
        }
        #expect(picture.columns <= 40 && picture.rows <= 12 && picture.columns * picture.rows > 0)
        #expect(facts == PreviewFacts(format: "PNG", width: 320, height: 240, fileSize: facts.fileSize))
        #expect(facts.fileSize > 0)
        // 256-colour mode uses palette entries only, never the terminal's theme colours 0...15.
        for cell in picture.cells {
            for color in [cell.foreground, cell.background] {
                if case .indexed(let n) = color { #expect(n >= 16) } else { #expect(color == .terminalDefault) }
            }
        }
        #expect(provider.cached(.file, key) == outcome)
    }

    /// The loupe: slots zoomed on the same result share its kept full-size pixels, which go
    /// when every slot is back at fit.
    @Test func zoomedSlotsShareTheKeptPixelsUntilBackAtFit() async throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/result.png"
        try Data(try SamplePictures.png(width: 320, height: 240, seed: 3)).write(to: URL(fileURLWithPath: path))
        let provider = LoaderPreviewProvider(colors: .indexed256)
        func key(_ region: PreviewRegion?) -> PreviewRequestKey {
            PreviewRequestKey(path: FilePath(path), columns: 20, rows: 10, region: region)
        }
        let zoomed = await provider.load(.result, key(PreviewRegion(x: 100, y: 80, width: 20, height: 20)))
        guard case .picture(let picture, let facts) = zoomed else {
            Issue.record("no picture: \(String(describing: zoomed))")
            return
        }
        #expect((picture.columns, picture.rows) == (20, 10), "20×20 pixels fill 20×10 half-block cells")
        #expect((facts.width, facts.height) == (320, 240), "the facts are the whole image's")
        #expect(provider.decodedImages.count == 1)
        _ = await provider.load(.enlarged, key(PreviewRegion(x: 120, y: 80, width: 20, height: 20)))
        #expect(provider.decodedImages.count == 1, "one result, decoded once for both slots")
        _ = await provider.load(.result, key(nil))
        #expect(provider.decodedImages.count == 1, "the larger view is still zoomed on it")
        _ = await provider.load(.enlarged, key(nil))
        #expect(provider.decodedImages.count == 0)
    }

    @Test func aFileThatIsNotAnImageFailsWithAOneLineReason() async throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/notes.png"
        try Data("just text\n".utf8).write(to: URL(fileURLWithPath: path))
        let outcome = await LoaderPreviewProvider(colors: .indexed256).load(.result, PreviewRequestKey(path: FilePath(path), columns: 20, rows: 10))
        #expect(outcome == .failed(PreviewError.unsupportedFormat.description))
    }

    @Test func theTerminalsPaletteLimitsTheColours() {
        #expect(LoaderPreviewProvider.mode(.indexed256, palette: 256) == .indexed256)
        #expect(LoaderPreviewProvider.mode(.indexed256, palette: 8) == .indexed16)
        #expect(LoaderPreviewProvider.mode(.indexed256, palette: 0) == .none)
        #expect(LoaderPreviewProvider.mode(.none, palette: 256) == .none)
        #expect(LoaderPreviewProvider(colors: .truecolor).colorMode == .indexed256)
        let provider = LoaderPreviewProvider(colors: .indexed256)
        provider.useTerminalColors(16)
        #expect(provider.colorMode == .indexed16)
    }

    @Test func trueColourCellsMapToTheNearestCubeEntry() {
        #expect(PreviewConversion.color(.rgb(255, 0, 0)) == .indexed(196))
        #expect(PreviewConversion.color(.rgb(0, 0, 0)) == .indexed(16))
        #expect(PreviewConversion.color(.rgb(255, 255, 255)) == .indexed(231))
        #expect(PreviewConversion.color(.indexed(42)) == .indexed(42))
    }
}
