import AppSettings
import CursesBackend
import FakeIdeogramCore
import Foundation
import ImagePreview
import Testing
import TerminalUI
@testable import IdeogramApp

/// Which protocol the UI draws previews in, from the setting, the environment and the answers.
@Suite struct PreviewGraphicsTests {
    static let xterm = ["TERM": "xterm-256color"]

    static func replies(kitty: Bool = false, sixel: Bool = false, cell: CellPixelSize? = nil) -> GraphicsReplies {
        var replies = GraphicsReplies()
        replies.kitty = kitty
        replies.sixel = sixel
        replies.cellPixels = cell
        replies.isComplete = true
        return replies
    }

    static func decide(_ setting: PreviewProtocolSetting, environment: [String: String] = xterm, colors: Bool = true,
                       kernelCell: CellPixelSize? = CellPixelSize(width: 9, height: 18), answer: GraphicsReplies?) -> (PreviewGraphics, asked: Int) {
        var asked = 0
        let graphics = PreviewGraphics.decide(setting, colors: colors, environment: environment, kernelCell: kernelCell) {
            asked += 1
            return answer
        }
        return (graphics, asked)
    }

    @Test func autoTakesWhatTheTerminalAnswers() {
        #expect(Self.decide(.auto, answer: Self.replies(kitty: true, sixel: true)).0.pixelProtocol == .kitty)
        #expect(Self.decide(.auto, answer: Self.replies(sixel: true)).0.pixelProtocol == .sixel)
        #expect(Self.decide(.auto, answer: Self.replies()).0.pixelProtocol == nil)
        // Silent: no answer at all.
        #expect(Self.decide(.auto, answer: nil).0.pixelProtocol == nil)
        #expect(Self.decide(.auto, environment: ["TERM": "xterm-256color", "TERM_PROGRAM": "iTerm.app"], answer: Self.replies()).0.pixelProtocol == .iterm2)
    }

    @Test func insideTmuxOrScreenAutoMeansCellsWithoutAsking() {
        for environment in [["TERM": "xterm-256color", "TMUX": "/tmp/tmux-1/default,1,0"], ["TERM": "xterm", "STY": "1.pts"],
                            ["TERM": "screen-256color"], ["TERM": "tmux-256color"]] {
            let (graphics, asked) = Self.decide(.auto, environment: environment, answer: Self.replies(kitty: true))
            #expect(graphics.pixelProtocol == nil && asked == 0)
        }
        // Named, the protocol is used even there.
        #expect(Self.decide(.sixel, environment: ["TERM": "tmux-256color"], answer: nil).0.pixelProtocol == .sixel)
    }

    @Test func colourOffTheConsoleAndSymbolsNeverAsk() {
        #expect(Self.decide(.auto, colors: false, answer: Self.replies(kitty: true)).asked == 0)
        #expect(Self.decide(.auto, environment: ["TERM": "linux"], answer: Self.replies(kitty: true)).asked == 0)
        #expect(Self.decide(.symbols, answer: Self.replies(kitty: true)) == (PreviewGraphics(), 0))
    }

    @Test func theCellSizeComesFromTheKernelElseTheAnswerElseAUsualCell() {
        let named = Self.decide(.kitty, kernelCell: nil, answer: Self.replies(cell: CellPixelSize(width: 7, height: 15)))
        #expect(named.asked == 1 && named.0.answeredCell == CellPixelSize(width: 7, height: 15))
        #expect(named.0.cellPixels(kernel: CellPixelSize(width: 12, height: 24)) == (12, 24))
        #expect(named.0.cellPixels(kernel: nil) == (7, 15))
        #expect(Self.decide(.kitty, answer: nil).asked == 0)
        #expect(PreviewGraphics(pixelProtocol: .sixel).cellPixels(kernel: nil) == (10, 20))
    }

    @Test func theProviderMakesPixelPicturesOverBlankCells() async throws {
        let dir = NSTemporaryDirectory() + "preview-graphics-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/sample.png"
        try Data(try SamplePictures.png(width: 320, height: 240, seed: 3)).write(to: URL(fileURLWithPath: path))
        let provider = LoaderPreviewProvider(colors: .indexed256, pixels: .sixel, cellPixels: { (8, 16) })
        let outcome = await provider.load(.file, PreviewRequestKey(path: FilePath(path), columns: 40, rows: 12))
        guard case .picture(let picture, _) = outcome, let pixels = picture.pixels else {
            Issue.record("no pixel picture: \(String(describing: outcome))")
            return
        }
        // 320×240 in a 320×192 pixel box: 256×192, 32×12 cells.
        #expect((picture.columns, picture.rows) == (32, 12))
        #expect(pixels.graphics == .sixel && String(decoding: pixels.bytes.prefix(2), as: UTF8.self) == "\u{1B}P")
        #expect(picture.cells.allSatisfy { $0.symbol == " " })
    }
}
