import Foundation
import IdeogramKit
@testable import TerminalUI

/// States the tests start from: a folder with every kind of entry, jobs in every state.
enum Fixtures {
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    static func entries() -> [FileEntry] {
        [
            FileEntry(name: Array("photos".utf8), kind: .directory),
            FileEntry(name: Array("linked-dir".utf8), kind: .symlinkToDirectory),
            FileEntry(name: Array("beach.png".utf8), kind: .file, size: 1_234_567, modified: 10),
            FileEntry(name: Array("城市.jpg".utf8), kind: .file, size: 88_000, modified: 30),
            FileEntry(name: Array("sunset.webp".utf8), kind: .file, size: 530_000, modified: 20),
            FileEntry(name: Array("evil\u{1B}[31mred.png".utf8), kind: .file, size: 10, modified: 5),
            FileEntry(name: [0x62, 0x61, 0x64, 0xFF, 0x2E, 0x70, 0x6E, 0x67], kind: .file, size: 2000, modified: 6),
            FileEntry(name: Array("notes.txt".utf8), kind: .file, size: 300, modified: 7),
            FileEntry(name: Array("gone".utf8), kind: .brokenLink),
            FileEntry(name: Array("loop".utf8), kind: .linkLoop),
            FileEntry(name: Array(".hidden.png".utf8), kind: .file, size: 5, modified: 1),
        ]
    }

    static func jobs() -> [JobRow] {
        [
            JobRow(id: "j1", sourceName: "beach.png", sourcePath: "/data/pics/beach.png", state: .done,
                   request: UpscaleRequest(prompt: "a beach", seed: 42), submittedAt: t0, startedAt: t0,
                   finishedAt: t0.addingTimeInterval(12.5), resultResolution: "2048x2048",
                   promptUsed: "A serene tropical beach with palm trees", seed: 42,
                   resultURL: "https://ideogram.ai/api/images/ephemeral/abc.png?exp=1&sig=x",
                   localFile: "/data/out/beach-upscaled.png", billedImages: 1),
            JobRow(id: "j2", sourceName: "sunset.webp", sourcePath: "/data/pics/sunset.webp", state: .uploading,
                   request: UpscaleRequest(resemblance: 70, detail: 30, numImages: 2), submittedAt: t0.addingTimeInterval(20),
                   startedAt: t0.addingTimeInterval(20), uploadFraction: 0.4),
            JobRow(id: "j3", sourceName: "城市.jpg", sourcePath: "/data/pics/城市.jpg", state: .outcomeUnknown,
                   request: UpscaleRequest(), submittedAt: t0.addingTimeInterval(10), startedAt: t0.addingTimeInterval(10),
                   finishedAt: t0.addingTimeInterval(40), errorText: "connection reset\u{1B}[2J after send",
                   mayHaveBeenBilled: true),
        ]
    }

    static func state(size: Size = Size(columns: 80, rows: 24), noColor: Bool = false, withJobs: Bool = true) -> AppState {
        var state = AppState(startFolder: FilePath("/data/pics"), homeDirectory: FilePath("/home/me"),
                             connection: ConnectionInfo(endpoint: "https://api.ideogram.ai/upscale", dialect: "official",
                                                        isDemo: true, redactedKey: "abcdefWXYZ"),
                             size: size, noColor: noColor, now: t0.addingTimeInterval(25))
        _ = update(&state, .directoryListed(DirectoryListing(path: FilePath("/data/pics"), entries: entries())))
        _ = update(&state, .imageInspected(FilePath("/data/pics/beach.png"), .image(format: "PNG", width: 1024, height: 768)))
        if withJobs { _ = update(&state, .jobsChanged(jobs())) }
        return state
    }
}

extension Fixtures {
    /// The service refused the credit: the queue is paused, a newer job waits held and is
    /// selected in the results pane, so its row and details show why.
    static func pausedState(size: Size) -> AppState {
        var state = state(size: size)
        let held = JobRow(id: "j4", sourceName: "harbour.png", sourcePath: "/data/pics/harbour.png", state: .queued,
                          request: UpscaleRequest(), submittedAt: t0.addingTimeInterval(24))
        _ = update(&state, .jobsChanged(jobs() + [held]))
        _ = update(&state, .queuePauseChanged(QueuePause(reason: "out of credit (insufficient_funds)")))
        state.focus = .results
        _ = update(&state, .key(.home))
        return state
    }
}

/// Preview pictures made in the tests: a small landscape (sky, sun, hill) in a few palette
/// colours, sized the way the loader sizes them: inside the requested box, aspect kept.
enum PictureFixtures {
    static let sky: TerminalColor = .indexed(153)
    static let sun: TerminalColor = .indexed(220)
    static let hill: TerminalColor = .indexed(34)

    /// Columns × rows for an image of `aspect` (width / height) in the key's box, with cells
    /// two pixels tall (half blocks).
    static func size(fitting key: PreviewRequestKey, aspect: Double) -> (columns: Int, rows: Int) {
        let columns = min(key.columns, max(1, Int(Double(key.rows * 2) * aspect)))
        let rows = min(key.rows, max(1, Int((Double(columns) / aspect / 2).rounded())))
        return (columns, rows)
    }

    static func landscape(fitting key: PreviewRequestKey, aspect: Double) -> PreviewPicture {
        let (columns, rows) = size(fitting: key, aspect: aspect)
        let width = Double(columns), height = Double(rows * 2)
        func pixel(_ x: Int, _ y: Int) -> TerminalColor {
            let dx = Double(x) - width * 0.7, dy = (Double(y) - height * 0.3) / 1.0
            if dx * dx + dy * dy < (height * 0.18) * (height * 0.18) { return sun }
            if Double(y) > height * 0.6 + height * 0.1 * Double(x) / width { return hill }
            return sky
        }
        var cells: [PreviewPictureCell] = []
        for row in 0..<rows {
            for x in 0..<columns {
                cells.append(PreviewPictureCell(symbol: "▀", foreground: pixel(x, row * 2), background: pixel(x, row * 2 + 1)))
            }
        }
        return PreviewPicture(columns: columns, rows: rows, cells: cells)!
    }

    /// Feeds the picture each effect asked for back as the loader would.
    static func deliver(_ effects: [Effect], into state: inout AppState, facts: (PreviewSlot) -> PreviewFacts) {
        for case .loadPreview(let slot, let key) in effects {
            let f = facts(slot)
            let picture = landscape(fitting: key, aspect: Double(f.width) / Double(f.height))
            _ = update(&state, .previewLoaded(slot, key, .picture(picture, f)))
        }
    }

    static let beach = PreviewFacts(format: "PNG", width: 1024, height: 768, fileSize: 1_234_567)
    static let upscaled = PreviewFacts(format: "PNG", width: 2048, height: 2048, fileSize: 5_600_000)

    static func facts(_ slot: PreviewSlot) -> PreviewFacts { slot == .file || slot == .source ? beach : upscaled }
}

extension Fixtures {
    static let longPrompt = "A quiet harbour at dawn, fishing boats tied along a stone pier, gulls over the water, "
        + "mist on the hills behind the town, warm light on the houses, every rope and net sharp"

    /// A job asked for 8 images: the 3rd was withheld by the safety check, the others saved.
    static func eightImageJob() -> JobRow {
        let images = (0..<8).map { i in
            JobImage(resolution: "2048x1536", seed: 100 + i, prompt: longPrompt + " (variation \(i + 1))",
                     url: i == 2 ? nil : "https://ideogram.ai/api/images/ephemeral/harbour-\(i + 1).png?exp=1700003600&sig=0123456789abcdef",
                     localFile: i == 2 ? nil : "/data/out/harbour-upscaled-\(i + 1).png",
                     outcome: i == 2 ? .withheld : .saved)
        }
        return JobRow(id: "j8", sourceName: "harbour.png", sourcePath: "/data/pics/holidays/2024/harbour.png", state: .done,
                      request: UpscaleRequest(prompt: longPrompt, numImages: 8, seed: 100), submittedAt: t0.addingTimeInterval(22),
                      startedAt: t0.addingTimeInterval(22), finishedAt: t0.addingTimeInterval(24), resultResolution: "2048x1536",
                      promptUsed: images[0].prompt, seed: 100, resultURL: images[0].url, localFile: images[0].localFile,
                      billedImages: 8, images: images)
    }

    /// The eight-image job selected in the results pane, its details open on image `image`.
    static func detailsState(size: Size = Size(columns: 80, rows: 24), image: Int = 1) -> AppState {
        var state = state(size: size)
        _ = update(&state, .jobsChanged(jobs() + [eightImageJob()]))
        state.focus = .results
        PictureFixtures.deliver(update(&state, .key(.enter)), into: &state, facts: PictureFixtures.facts)
        for _ in 0..<image { PictureFixtures.deliver(update(&state, .key(.right)), into: &state, facts: PictureFixtures.facts) }
        return state
    }
}

extension Fixtures {
    /// A done job whose only image the safety check withheld: billed, nothing to show.
    static func withheldJob() -> JobRow {
        JobRow(id: "j5", sourceName: "crowd.png", sourcePath: "/data/pics/crowd.png", state: .done,
               request: UpscaleRequest(), submittedAt: t0.addingTimeInterval(23), startedAt: t0.addingTimeInterval(23),
               finishedAt: t0.addingTimeInterval(24.5), resultResolution: "2048x2048", promptUsed: "A crowd", seed: 7,
               billedImages: 1, images: [JobImage(resolution: "2048x2048", seed: 7, prompt: "A crowd", outcome: .withheld)])
    }

    /// A job waiting out a retry after a 503, its next attempt (the 3rd) due in 1.2 s.
    static func retryingJob(now: Date) -> JobRow {
        JobRow(id: "j6", sourceName: "forest.png", sourcePath: "/data/pics/forest.png", state: .queued,
               request: UpscaleRequest(), submittedAt: t0.addingTimeInterval(24),
               retry: RetryCountdown(attempt: 3, dueAt: now.addingTimeInterval(1.2), cause: "503",
                                     reason: "the service failed (503): upstream busy"))
    }

    /// The results pane holding `extra` besides the usual jobs, the newest selected.
    static func resultsState(size: Size, adding extra: [JobRow]) -> AppState {
        var state = state(size: size)
        _ = update(&state, .jobsChanged(jobs() + extra))
        state.focus = .results
        return state
    }
}

extension Fixtures {
    /// The folder with a GIF and a TIFF (named .png) besides the usual entries, their headers
    /// read, the GIF selected and Space pressed on it (refused).
    static func unsupportedImagesState(size: Size) -> AppState {
        var state = state(size: size)
        let extra = [FileEntry(name: Array("anim.gif".utf8), kind: .file, size: 48_000, modified: 8),
                     FileEntry(name: Array("scan.png".utf8), kind: .file, size: 900_000, modified: 9)]
        _ = update(&state, .directoryListed(DirectoryListing(path: FilePath("/data/pics"), entries: entries() + extra,
                                                             request: state.files.listingRequest)))
        _ = update(&state, .imageInspected(FilePath("/data/pics/anim.gif"), .unsupported(format: "GIF")))
        _ = update(&state, .imageInspected(FilePath("/data/pics/scan.png"), .unsupported(format: "TIFF")))
        state.files.cursor = state.files.visible.firstIndex { state.files.entries[$0].displayName == "anim.gif" } ?? 0
        _ = update(&state, .key(.char(" ")))
        return state
    }
}
