// swift-tools-version:6.1
import PackageDescription

/// How the release executable is linked (Linux): lld with libstdc++ linked in
/// (linker/lld-static-libstdcxx.sh), the functions that the commands and the UI's first screens
/// run placed side by side (linker/startup-order.txt, from linker/make-startup-order.sh), no
/// dynamic symbol table for the program's own symbols, and packed relative relocations. Less of
/// the 190 MB binary is paged in: an upload's peak RSS falls from about 43 MB to about 27 MB, and
/// every start binds 3,000 fewer symbols (BENCHMARKS.md). Code and behaviour are the same.
let packageRoot = String(#filePath.dropLast("/Package.swift".count))
let releaseLinkFlags: [String] = [
    // ld.lld, with libstdc++ linked in (see the script).
    "-use-ld=\(packageRoot)/linker/lld-static-libstdcxx.sh",
    "-Xlinker", "--symbol-ordering-file=\(packageRoot)/linker/startup-order.txt",
    "-Xlinker", "--no-warn-symbol-ordering",
    // -static-stdlib exports every symbol; nothing looks them up, and the runtime's dladdr scans them.
    "-Xlinker", "--no-export-dynamic",
    "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
]

let package = Package(
    name: "ideogram-tui",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ideogram-tui", targets: ["ideogram-tui"]),
        // The fake service on its own, for users' scripts and tests; the main binary does not link it.
        .executable(name: "ideogram-fake", targets: ["ideogram-fake"]),
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
        // The UI's pure core: state, update, render into a cell grid; no terminal.
        .target(name: "TerminalUI", dependencies: ["IdeogramKit"]),
        // Draws TerminalUI screens through ncurses and reads keys; owns the terminal.
        .target(name: "CursesBackend", dependencies: ["CNCurses", "TerminalUI"]),
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
        .target(name: "ImagePreview", dependencies: ["CPNGReader", "CJPEG", "CWebP", "CChafa"]),
        .target(
            name: "IdeogramKit",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
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
                "CSQLiteShim",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // What the executable wires together: configuration, the key, the demo, logging, and
        // the adapters between the UI and the job queue and image previews.
        .target(
            name: "IdeogramApp",
            dependencies: [
                "IdeogramKit", "UpscaleQueue", "TerminalUI", "CursesBackend", "FakeIdeogramCore", "ImagePreview",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "ideogram-tui",
            dependencies: [
                "IdeogramKit",
                "UpscaleQueue",
                "IdeogramApp",
                "ImagePreview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            linkerSettings: [.unsafeFlags(releaseLinkFlags, .when(platforms: [.linux], configuration: .release))]
        ),
        .executableTarget(
            name: "ideogram-fake",
            dependencies: ["FakeIdeogram", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(
            name: "IdeogramKitTests",
            dependencies: [
                "IdeogramKit", "FakeIdeogram",
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "FakeIdeogramTests",
            dependencies: [
                "FakeIdeogram", "FakeIdeogramCore", "CJPEG",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(name: "UpscaleQueueTests", dependencies: ["UpscaleQueue", "IdeogramKit", "FakeIdeogram", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "IdeogramKit"], exclude: ["Goldens"]),
        .testTarget(name: "CursesBackendTests", dependencies: ["CursesBackend", "TerminalUI"]),
        .testTarget(name: "IdeogramAppTests", dependencies: ["IdeogramApp", "IdeogramKit", "UpscaleQueue", "TerminalUI", "FakeIdeogramCore", "ImagePreview"]),
        .testTarget(name: "CommandTests", dependencies: ["IdeogramKit", "FakeIdeogram"]),
        // The executable's own command-line reading, against swift-argument-parser's.
        .testTarget(name: "CommandLineTests", dependencies: ["ideogram-tui", "IdeogramKit", "FakeIdeogramCore"]),
        .testTarget(name: "ImagePreviewTests", dependencies: ["ImagePreview", "CPNG", "CJPEG", "CWebP"]),
        // Runs the built ideogram-tui in tmux against the fake service in its own process.
        .testTarget(name: "EndToEndTests", dependencies: ["FakeIdeogram"]),
        // Times TerminalUI's update and render on big states (bench/ui-speed.sh runs it).
        .executableTarget(name: "ui-bench", dependencies: ["TerminalUI", "IdeogramKit"], path: "bench/ui-bench"),
    ],
    swiftLanguageModes: [.v6]
)
