import Foundation
import IdeogramKit
import Synchronization

/// Writes what happens: a live line per file on a terminal, plain tab-separated lines or JSON
/// lines otherwise. Every text from a file name or the network is made safe first.
final class ResultPrinter: Sendable {
    enum Mode { case terminal, plain, json }
    let mode: Mode
    private let lastDraw = Mutex<ContinuousClock.Instant?>(nil)

    init(mode: Mode) { self.mode = mode }

    func progress(_ label: String, _ stage: UpscaleAndSave.Stage) {
        switch stage {
        case .upload(.connecting): progress(label, "connecting")
        case .upload(.uploading(let sent, let total)): progress(label, "uploading \(total == 0 ? 100 : sent * 100 / total)% of \(ByteCount.format(total))")
        case .upload(.waitingForAnswer): progress(label, "waiting for the service")
        case .downloading(let index, let count): progress(label, "downloading \(index + 1)/\(count)")
        }
    }

    func progress(_ label: String, _ text: String) {
        guard mode == .terminal else { return }
        // Redraw at most every 50 ms: upload slices arrive far faster than anyone reads.
        let now = ContinuousClock.now
        let draw = lastDraw.withLock { last -> Bool in
            if let last, now - last < .milliseconds(50), text.hasPrefix("uploading") { return false }
            last = now
            return true
        }
        if draw { writeErr("\r\u{1B}[2K\(label)  \(text)") }
    }

    func results(source: String, saved: [UpscaleAndSave.SavedImage]) {
        let name = TerminalSafeText.sanitize(source, limit: 200)
        switch mode {
        case .json:
            writeOut(jsonLine(["source": source, "status": "done", "images": saved.map(jsonImage)]))
        case .plain:
            for item in saved { writeOut(plainLine(name, item)) }
        case .terminal:
            writeErr("\r\u{1B}[2K")
            for item in saved { writeOut(terminalLine(name, item)) }
        }
    }

    func failure(source: String, error: UpscaleError) {
        let name = TerminalSafeText.sanitize(source, limit: 200)
        switch mode {
        case .json:
            writeOut(jsonLine(["source": source, "status": "failed", "category": error.category.rawValue,
                               "error": error.description, "may_have_been_billed": error.mayHaveBeenBilled]))
        case .plain:
            writeOut(["failed", name, error.description, "-", "-", "-"].joined(separator: "\t"))
        case .terminal:
            writeErr("\r\u{1B}[2K")
            writeOut("✗ \(name): \(error.description)")
        }
    }

    func note(_ text: String) { writeErr(text) }

    func fatal(_ message: String) { writeErr("ideogram-tui: " + message) }

    private func plainLine(_ name: String, _ item: UpscaleAndSave.SavedImage) -> String {
        switch item {
        case .saved(let image, let file):
            ["ok", name, file.path, image.resolution, String(image.seed), image.url ?? "-"].map { TerminalSafeText.sanitize($0, limit: 2000) }.joined(separator: "\t")
        case .withheld(let image):
            ["withheld", name, "withheld by the safety check", image.resolution, String(image.seed), "-"].map { TerminalSafeText.sanitize($0) }.joined(separator: "\t")
        case .notDownloaded(let image):
            ["ok", name, "-", image.resolution, String(image.seed), image.url ?? "-"].map { TerminalSafeText.sanitize($0, limit: 2000) }.joined(separator: "\t")
        case .downloadFailed(let image, let error):
            ["failed", name, error.description, image.resolution, String(image.seed), image.url ?? "-"].map { TerminalSafeText.sanitize($0, limit: 2000) }.joined(separator: "\t")
        }
    }

    private func terminalLine(_ name: String, _ item: UpscaleAndSave.SavedImage) -> String {
        switch item {
        case .saved(let image, let file):
            "✓ \(name) → \(TerminalSafeText.sanitize(file.path, limit: 300))  \(TerminalSafeText.sanitize(image.resolution, limit: 20))  seed \(image.seed)"
        case .withheld(let image):
            "⊘ \(name): result withheld by the safety check (seed \(image.seed)); the call is billed"
        case .notDownloaded(let image):
            "✓ \(name)  \(TerminalSafeText.sanitize(image.resolution, limit: 20))  seed \(image.seed)  \(TerminalSafeText.sanitize(image.url ?? "-", limit: 2000))"
        case .downloadFailed(_, let error):
            "✗ \(name): \(error.description)"
        }
    }

    private func jsonImage(_ item: UpscaleAndSave.SavedImage) -> [String: Any] {
        func base(_ image: UpscaledImage) -> [String: Any] {
            ["seed": image.seed, "resolution": image.resolution, "prompt": image.prompt, "url": image.url ?? NSNull(), "is_image_safe": image.isImageSafe]
        }
        switch item {
        case .saved(let image, let file):
            return base(image).merging(["status": "saved", "file": file.path, "sidecar": file.sidecarPath ?? NSNull(), "bytes": file.bytes]) { $1 }
        case .withheld(let image):
            return base(image).merging(["status": "withheld"]) { $1 }
        case .notDownloaded(let image):
            return base(image).merging(["status": "not_downloaded"]) { $1 }
        case .downloadFailed(let image, let error):
            return base(image).merging(["status": "download_failed", "error": error.description]) { $1 }
        }
    }

    /// JSON escapes control characters itself, so raw strings are safe here.
    private func jsonLine(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    private func writeOut(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    private func writeErr(_ text: String) {
        FileHandle.standardError.write(Data((text.hasPrefix("\r") ? text : text + "\n").utf8))
    }
}
