// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets for the parsers that read bytes from outside, kept out of the main build.
// Built and run by scripts/fuzz.sh (`swift build --sanitize=fuzzer --sanitize=address`); each
// target's seeds are in Corpus/<target>/, which the main test suite replays on every run.
let package = Package(
    name: "ideogram-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "ideogram-tui", path: "..")],
    targets: [
        // UpscaleResult, GenerationAccepted, GenerationPoll, PriceQuote from a 200 answer's JSON.
        .executableTarget(name: "fuzz-answers", dependencies: [.product(name: "IdeogramKit", package: "ideogram-tui")]),
        // ErrorAnswer from a status, a Retry-After header and a body.
        .executableTarget(name: "fuzz-error-answer", dependencies: [.product(name: "IdeogramKit", package: "ideogram-tui")]),
        // ImageSniffer and ImageCompleteness over a file's bytes.
        .executableTarget(name: "fuzz-image-headers", dependencies: [.product(name: "IdeogramKit", package: "ideogram-tui")]),
        // The PNG, JPEG and WEBP preview decoders (C shims) and the cell renderer.
        .executableTarget(name: "fuzz-preview-decoders", dependencies: [.product(name: "ImagePreview", package: "ideogram-tui")]),
        // BracketedPasteParser and UnknownEscapeSequences over what the terminal sends.
        .executableTarget(name: "fuzz-terminal-input", dependencies: [.product(name: "TerminalUI", package: "ideogram-tui")]),
        // config.toml through ConfigurationFile.load.
        .executableTarget(name: "fuzz-config", dependencies: [.product(name: "AppSettings", package: "ideogram-tui")]),
        // The fake service's multipart reading of both upload forms.
        .executableTarget(name: "fuzz-multipart", dependencies: [.product(name: "FakeIdeogram", package: "ideogram-tui")]),
    ],
    swiftLanguageModes: [.v6]
)
