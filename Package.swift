// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "ideogram-tui",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ideogram-tui", targets: ["ideogram-tui"]),
        // The fake service on its own, for users' scripts and tests; the main binary does not link it.
        .executable(name: "ideogram-fake", targets: ["ideogram-fake"]),
        // The parsers of outside bytes, for the libFuzzer package in Fuzz/ (a separate package
        // sees only products); nothing else depends on these.
        .library(name: "IdeogramKit", targets: ["IdeogramKit"]),
        .library(name: "TerminalUI", targets: ["TerminalUI"]),
        .library(name: "ImagePreview", targets: ["ImagePreview"]),
        .library(name: "AppSettings", targets: ["AppSettings"]),
        .library(name: "FakeIdeogram", targets: ["FakeIdeogram"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
    ],
    targets: [
        // libpng, for writing the fake service's result images (and, later, decoding previews).
        .systemLibrary(name: "CPNG", path: "Sources/CPNG"),
        // ncursesw, wide characters; linked by the module map (pkgConfig's flags are refused).
        .systemLibrary(name: "CNCurses", path: "Sources/CNCurses"),
        // The UI's pure core: state, update, render into a cell grid; no I/O, no clock, no terminal.
        .target(name: "TerminalUI", dependencies: ["IdeogramKit"]),
        // The one loop and the one effect performer, over a terminal protocol (files, the
        // queue, previews, the opener); the in-memory terminal its scenario tests run on.
        .target(name: "AppLoop", dependencies: ["TerminalUI", "IdeogramKit"]),
        .target(name: "AppLoopTesting", dependencies: ["AppLoop", "TerminalUI"]),
        // The terminal protocol over ncurses: draws screens, reads keys, owns the tty.
        .target(name: "CursesBackend", dependencies: ["CNCurses", "TerminalUI", "AppLoop"]),
        // libjpeg-turbo behind a C shim: setjmp error handling (the default handler calls exit()),
        // DCT-scaled decoding, a cancel flag checked between scanlines; an encoder for tests.
        .target(name: "CJPEG", linkerSettings: [.linkedLibrary("jpeg")]),
        // libpng's row-by-row reader behind a C shim (setjmp, cancel flag between rows, on-the-fly
        // box reduction) for previews; CPNG stays the simplified API the fake writes with.
        .target(name: "CPNGReader", dependencies: ["CJPEG"], linkerSettings: [.linkedLibrary("png16")]),
        // libwebp, libwebpdemux (first frame of animations); linked by the module map.
        .systemLibrary(name: "CWebP", path: "Sources/CWebP"),
        // libchafa (pixels to character cells); its glib include paths come from pkg-config.
        .systemLibrary(name: "CChafa", path: "Sources/CChafa", pkgConfig: "chafa"),
        // Image previews as character cells: decode, scale, composite, map with chafa; cache, loader.
        // Locks from NIOConcurrencyHelpers (pthread mutexes), not Synchronization's Mutex: on Linux
        // its contended path is a futex ThreadSanitizer cannot see, so it reports races that are not.
        .target(name: "ImagePreview", dependencies: ["CPNGReader", "CJPEG", "CWebP", "CChafa",
                                                     .product(name: "NIOConcurrencyHelpers", package: "swift-nio")]),
        // The API's model, pure: request types and their validation, answers and errors, image
        // sniffing, safe text. No network, no files: the UI core depends on it.
        .target(name: "IdeogramKit"),
        // The network and file side of the API: the upscale call, streaming uploads, result
        // downloads written atomically with their sidecars.
        .target(
            name: "IdeogramClient",
            dependencies: [
                "IdeogramKit",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The fake service's behaviour without a transport: validation, faults, latency, the
        // in-flight limit, the request log, results made from the upload. The demo runs it in process.
        .target(
            name: "FakeIdeogramCore",
            dependencies: [
                "CPNG", "CPNGReader", "CJPEG", "CWebP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The fake service's HTTP surface (Hummingbird) over FakeIdeogramCore.
        .target(
            name: "FakeIdeogram",
            dependencies: [
                "FakeIdeogramCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // One fixed-argument wrapper around SQLite's variadic sqlite3_db_config, for the history.
        .target(name: "CSQLiteShim", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(
            name: "UpscaleQueue",
            dependencies: [
                "IdeogramKit",
                "IdeogramClient",
                "CSQLiteShim",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The settings the UI and every command share: command line, then environment, then
        // config.toml, then defaults; the API key's source.
        .target(
            name: "AppSettings",
            dependencies: ["IdeogramKit", "IdeogramClient", "UpscaleQueue", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        // What the UI wires together: the demo, logging, and the adapters between the UI and
        // the job queue and image previews.
        .target(
            name: "IdeogramApp",
            dependencies: [
                "IdeogramKit", "IdeogramClient", "UpscaleQueue", "AppSettings", "TerminalUI", "AppLoop", "CursesBackend", "FakeIdeogramCore", "ImagePreview",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The headless commands' logic: the upscale run and its reports, the history listing,
        // the JSON report types both print.
        .target(name: "HeadlessCommands", dependencies: ["IdeogramKit", "IdeogramClient", "UpscaleQueue", "AppSettings"]),
        // The command-line declarations, wired to HeadlessCommands and IdeogramApp.
        .executableTarget(
            name: "ideogram-tui",
            dependencies: [
                "IdeogramKit",
                "HeadlessCommands",
                "IdeogramApp",
                "ImagePreview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "ideogram-fake",
            dependencies: ["FakeIdeogram", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // The API model and its client (they share the test pictures).
        .testTarget(
            name: "IdeogramKitTests",
            dependencies: [
                "IdeogramKit", "IdeogramClient", "FakeIdeogram", "FuzzCorpusSupport",
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "FakeIdeogramTests",
            dependencies: [
                "FakeIdeogram", "FakeIdeogramCore", "CJPEG", "FuzzCorpusSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(name: "UpscaleQueueTests", dependencies: ["UpscaleQueue", "IdeogramKit", "IdeogramClient", "FakeIdeogram", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "IdeogramKit", "FuzzCorpusSupport"], exclude: ["Goldens"]),
        .testTarget(name: "CursesBackendTests", dependencies: ["CursesBackend", "TerminalUI"]),
        // Whole-loop scenarios in-process: keys in, screens out, on the in-memory terminal.
        .testTarget(name: "AppLoopTests", dependencies: ["AppLoop", "AppLoopTesting", "TerminalUI", "IdeogramKit"]),
        .testTarget(name: "IdeogramAppTests", dependencies: ["IdeogramApp", "IdeogramKit", "IdeogramClient", "UpscaleQueue", "TerminalUI", "AppLoop", "FakeIdeogramCore", "ImagePreview"]),
        .testTarget(name: "AppSettingsTests", dependencies: ["AppSettings", "IdeogramKit", "IdeogramClient", "FuzzCorpusSupport"]),
        .testTarget(name: "HeadlessCommandsTests", dependencies: ["HeadlessCommands", "AppSettings", "IdeogramKit", "IdeogramClient", "UpscaleQueue"]),
        .testTarget(name: "CommandTests", dependencies: ["IdeogramKit", "IdeogramClient", "FakeIdeogram"]),
        .testTarget(name: "ImagePreviewTests", dependencies: ["ImagePreview", "CPNG", "CJPEG", "CWebP", "FuzzCorpusSupport"]),
        // Runs the built ideogram-tui in tmux against the fake service in its own process.
        .testTarget(name: "EndToEndTests", dependencies: ["FakeIdeogram", "IdeogramKit"]),
        // The fuzz corpora, read by the test targets that replay them.
        .target(name: "FuzzCorpusSupport", path: "Tests/FuzzCorpusSupport"),
        // Times TerminalUI's update and render on big states (bench/ui-speed.sh runs it).
        .executableTarget(name: "ui-bench", dependencies: ["TerminalUI", "AppLoop", "IdeogramKit"], path: "bench/ui-bench"),
    ],
    swiftLanguageModes: [.v6]
)
