// ui-bench: times TerminalUI's pure core (update and render) on big states, in-process, with
// no terminal. Run through bench/ui-speed.sh, which also measures the real program from the
// outside. Prints one line per figure: name, median, p99, max (milliseconds), target, ratio.
//
//   ui-bench [--entries 100000] [--iterations 2000] [--folder PATH]
//
// --folder also times listing a real folder (lstat/stat of every entry) as the UI does on Enter.

import AppLoop
import Foundation
import IdeogramKit
import TerminalUI

struct Options {
    var entries = 100_000
    var iterations = 2000
    var folder: String?

    init(_ arguments: [String]) {
        var i = 0
        while i < arguments.count {
            let value = i + 1 < arguments.count ? arguments[i + 1] : ""
            switch arguments[i] {
            case "--entries": entries = Int(value) ?? entries; i += 1
            case "--iterations": iterations = Int(value) ?? iterations; i += 1
            case "--folder": folder = value; i += 1
            case "-h", "--help":
                print("usage: ui-bench [--entries N] [--iterations N] [--folder PATH]")
                exit(0)
            default:
                FileHandle.standardError.write(Data("ui-bench: unknown argument \(arguments[i])\n".utf8))
                exit(2)
            }
            i += 1
        }
    }
}

let options = Options(Array(CommandLine.arguments.dropFirst()))

@inline(never)
func blackHole<T>(_ value: T) {
    withUnsafePointer(to: value) { _ = $0 }
}

func nowNanos() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

struct Stats {
    var samples: [Double]  // milliseconds
    var median: Double { percentile(0.5) }
    var p99: Double { percentile(0.99) }
    var max: Double { samples.max() ?? 0 }
    func percentile(_ p: Double) -> Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }
}

func report(_ name: String, _ stats: Stats, target: Double?) {
    let figures = String(format: "median %8.3f ms  p99 %8.3f ms  max %8.3f ms  (n=%d)", stats.median, stats.p99, stats.max, stats.samples.count)
    var line = name.padding(toLength: 46, withPad: " ", startingAt: 0) + figures
    if let target {
        let ratio = stats.p99 / target
        line += String(format: "  target < %g ms: p99 is %.3f× the target %@", target, ratio, ratio < 1 ? "OK" : "OVER")
    }
    print(line)
}

/// Times `body` `count` times after a few warm-up runs.
func measure(_ count: Int, warmup: Int = 20, _ body: () -> Void) -> Stats {
    for _ in 0..<warmup { body() }
    var samples: [Double] = []
    samples.reserveCapacity(count)
    for _ in 0..<count {
        let start = nowNanos()
        body()
        samples.append(Double(nowNanos() - start) / 1_000_000)
    }
    return Stats(samples: samples)
}

// MARK: the states

let t0 = Date(timeIntervalSince1970: 1_700_000_000)
let folder = FilePath("/bench/big-folder")

/// A folder like a camera dump: a few sub-folders, mostly images, some other files.
func bigListing(_ count: Int) -> DirectoryListing {
    var entries: [FileEntry] = []
    entries.reserveCapacity(count)
    for i in 0..<count {
        let name: String
        let kind: FileKind
        switch i % 1000 {
        case 0: name = String(format: "folder-%06d", i); kind = .directory
        case 1...900: name = String(format: "IMG_%06d.%@", i, i % 3 == 0 ? "JPG" : (i % 3 == 1 ? "png" : "webp")); kind = .file
        default: name = String(format: "notes-%06d.txt", i); kind = .file
        }
        entries.append(FileEntry(name: Array(name.utf8), kind: kind, size: Int64(10_000 + (i * 7919) % 5_000_000),
                                 modified: Int64(1_600_000_000 + (i * 104_729) % 100_000_000)))
    }
    return DirectoryListing(path: folder, entries: entries)
}

func jobs(_ count: Int) -> [JobRow] {
    let states: [JobRowState] = [.done, .done, .done, .waitingForAnswer, .uploading, .queued, .failed, .outcomeUnknown, .downloading, .cancelled]
    return (0..<count).map { i in
        let state = states[i % states.count]
        let finished = !state.isInFlight
        return JobRow(
            id: JobRowID("job-\(i)"), sourceName: String(format: "IMG_%06d.png", i * 37), sourcePath: String(format: "/bench/big-folder/IMG_%06d.png", i * 37),
            state: state, request: UpscaleRequest(prompt: "crisp film grain, soft morning light", resemblance: 40 + i % 50, detail: 30 + i % 60, seed: i * 1000),
            submittedAt: t0.addingTimeInterval(Double(i)), startedAt: t0.addingTimeInterval(Double(i) + 0.2),
            finishedAt: finished ? t0.addingTimeInterval(Double(i) + 7.5) : nil,
            resultResolution: state == .done ? "2048x1536" : nil,
            promptUsed: state == .done ? "A crisp, finely grained photograph in soft morning light, with gentle haze over the water" : nil,
            seed: i * 1000, resultURL: state == .done ? "https://ideogram.ai/api/images/ephemeral/\(i).png?exp=1700003600&signature=abcdef" : nil,
            localFile: state == .done ? String(format: "/home/me/Pictures/ideogram-tui/IMG_%06d-upscaled-%d.png", i * 37, i * 1000) : nil,
            errorText: state == .failed ? "the service answered 503 three times" : nil,
            mayHaveBeenBilled: state == .outcomeUnknown, billedImages: state == .done ? 1 : 0,
            uploadFraction: state == .uploading ? 0.4 : nil)
    }
}

func busyState(size: Size, entries: Int) -> AppState {
    var state = AppState(startFolder: folder, homeDirectory: FilePath("/home/me"),
                         connection: ConnectionInfo(endpoint: "https://api.ideogram.ai/upscale", dialect: "official", redactedKey: "…abcd"),
                         size: size, now: t0.addingTimeInterval(30))
    _ = update(&state, .directoryListed(bigListing(entries)))
    // Pixel sizes for what is on screen, as the inspections would bring them.
    for row in 0..<min(200, state.files.visible.count) {
        if let entry = state.files.entry(atVisibleRow: row), entry.looksLikeImage {
            _ = update(&state, .imageInspected(folder.appending(entry.name), .image(format: "PNG", width: 4032, height: 3024)))
        }
    }
    _ = update(&state, .jobsChanged(jobs(40)))
    _ = update(&state, .message("submitted 2 jobs (2 images billed on success)", isError: false))
    // Marks and a prompt, so every pane has something to draw.
    _ = update(&state, [.key(.char(" ")), .key(.char(" ")), .key(.tab)])
    _ = update(&state, .paste("crisp film grain, soft morning light, a little haze over the water, keep the faces natural"))
    _ = update(&state, [.key(.enter), .key(.right), .key(.right), .key(.tab), .key(.tab)])
    return state
}

// MARK: the runs

print("ui-bench: TerminalUI's update and render, in-process (\(options.entries) entries, \(options.iterations) iterations)")

let big = Size(columns: 200, rows: 60)
let standard = Size(columns: 120, rows: 40)

do {
    // Loading the listing: sorting and filtering every entry (once per folder, not per key).
    let listing = bigListing(options.entries)
    let load = measure(max(5, options.iterations / 200), warmup: 2) {
        var state = AppState(startFolder: folder, homeDirectory: FilePath("/home/me"),
                             connection: ConnectionInfo(endpoint: "https://x/upscale", dialect: "official"), size: standard, now: t0)
        blackHole(update(&state, .directoryListed(listing)))
        blackHole(state)
    }
    report("load a \(options.entries)-entry listing (sort)", load, target: nil)
}

for size in [big, standard, Size(columns: 80, rows: 24)] {
    let state = busyState(size: size, entries: options.entries)
    let stats = measure(options.iterations) { blackHole(render(state, size: size)) }
    report("render \(size.columns)x\(size.rows), busy state", stats, target: size == big ? 2 : nil)
}

do {
    var state = busyState(size: big, entries: options.entries)
    _ = update(&state, .key(.char("?")))
    let stats = measure(options.iterations) { blackHole(render(state, size: big)) }
    report("render 200x60 with the help overlay", stats, target: 2)
}

/// One keystroke as the app loop handles it: update, then render the whole screen.
func keystroke(_ state: inout AppState, _ key: Key) {
    blackHole(update(&state, .key(key)))
    blackHole(render(state, size: state.size))
}

for size in [standard, big] {
    var state = busyState(size: size, entries: options.entries)
    state.focus = .files
    var down = true
    var moves = 0
    let move = measure(options.iterations) {
        // Walk down and back up, so the list scrolls as well.
        keystroke(&state, down ? .down : .up)
        moves += 1
        if moves % 300 == 0 { down.toggle() }
    }
    report("key ↓/↑ in \(options.entries) entries + render \(size.columns)x\(size.rows)", move, target: 16)

    let page = measure(max(50, options.iterations / 4)) { keystroke(&state, .pageDown) }
    report("key PgDn in \(options.entries) entries + render \(size.columns)x\(size.rows)", page, target: 16)

    let ends = measure(max(50, options.iterations / 4)) { keystroke(&state, state.files.cursor == 0 ? .end : .home) }
    report("key End/Home in \(options.entries) entries + render \(size.columns)x\(size.rows)", ends, target: 16)
}

do {
    // The filter: "/" then a word typed key by key (narrowing), erased key by key (widening
    // again from every entry), then Esc.
    var state = busyState(size: standard, entries: options.entries)
    state.focus = .files
    var narrowing: [Double] = [], widening: [Double] = [], first: [Double] = []
    let rounds = max(10, options.iterations / 40)
    for _ in 0..<rounds {
        keystroke(&state, .char("/"))
        for (i, character) in "img_0123".enumerated() {
            let start = nowNanos()
            keystroke(&state, .char(character))
            let ms = Double(nowNanos() - start) / 1_000_000
            if i == 0 { first.append(ms) } else { narrowing.append(ms) }
        }
        for _ in 0..<8 {
            let start = nowNanos()
            keystroke(&state, .backspace)
            widening.append(Double(nowNanos() - start) / 1_000_000)
        }
        keystroke(&state, .escape)
    }
    report("filter: first character (scans all entries)", Stats(samples: first), target: 16)
    report("filter: next characters (narrowing)", Stats(samples: narrowing), target: 16)
    report("filter: Backspace (widens: scans all)", Stats(samples: widening), target: 16)
}

do {
    // A job event while the results pane shows 40 jobs (the queue sends the whole list).
    var state = busyState(size: standard, entries: options.entries)
    let rows = jobs(40)
    let stats = measure(options.iterations) {
        blackHole(update(&state, .jobsChanged(rows)))
        blackHole(render(state, size: state.size))
    }
    report("job event (40 jobs) + render 120x40", stats, target: 16)
}

if let path = options.folder {
    let listing = FileSystemEffects.listNow(FilePath(path))  // also warms the dentry cache
    let stats = measure(5, warmup: 0) { blackHole(FileSystemEffects.listNow(FilePath(path))) }
    report("list a real folder (\(listing.entries.count) entries: readdir, sorted by name, no stat)", stats, target: nil)
    let (ids, names) = listing.entries.undetailed()
    let everything = FileDetailsRequest(folder: listing.path, listingRequest: 0, ids: ids, names: names)
    let statAll = measure(3, warmup: 0) { blackHole(FileSystemEffects.detailsNow(everything)) }
    report("stat every entry of it (to sort by time or size)", statAll, target: nil)

    // The filter again, on that folder's own names (every one matches "i", "im", ...).
    var state = AppState(startFolder: listing.path, homeDirectory: FilePath("/home/me"),
                         connection: ConnectionInfo(endpoint: "https://x/upscale", dialect: "official"), size: standard, now: t0)
    _ = update(&state, .directoryListed(listing))
    var typing: [Double] = [], erasing: [Double] = []
    for _ in 0..<max(5, options.iterations / 100) {
        keystroke(&state, .char("/"))
        for character in "img-0123" {
            let start = nowNanos()
            keystroke(&state, .char(character))
            typing.append(Double(nowNanos() - start) / 1_000_000)
        }
        for _ in 0..<8 {
            let start = nowNanos()
            keystroke(&state, .backspace)
            erasing.append(Double(nowNanos() - start) / 1_000_000)
        }
        keystroke(&state, .backspace)
    }
    report("filter on that folder: typing \"img-0123\"", Stats(samples: typing), target: 16)
    report("filter on that folder: erasing it", Stats(samples: erasing), target: 16)
}
