import ArgumentParser

@main
struct IdeogramTUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ideogram-tui",
        abstract: "Upscale images through the Ideogram Upscale API.",
        discussion: """
            The API key is read from IDEOGRAM_API_KEY and is never printed in full.
            Try it without a key against the built-in fake service:
              ideogram-tui fake-server --port 8080 &
              IDEOGRAM_API_KEY=test-key ideogram-tui upscale photo.png --base-url http://127.0.0.1:8080
            """,
        version: "0.1.0",
        subcommands: [UpscaleCommand.self, FakeServerCommand.self]
    )
}
