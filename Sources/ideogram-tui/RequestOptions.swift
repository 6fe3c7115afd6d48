import ArgumentParser
import Foundation
import IdeogramKit

extension MagicPromptOption: ExpressibleByArgument {
    public init?(argument: String) { self.init(caseInsensitive: argument) }
    public static var allValueStrings: [String] { ["auto", "on", "off"] }
}

/// The `image_request` fields as options, checked by `UpscaleRequest` itself.
struct RequestOptions: ParsableArguments {
    @Option(help: "Text to guide the upscale.")
    var prompt: String?

    @Option(help: "How closely to keep to the source, 1 to 100.")
    var resemblance: Int = UpscaleRequest.defaultResemblance

    @Option(help: "How much detail to add, 1 to 100.")
    var detail: Int = UpscaleRequest.defaultDetail

    @Option(help: "Let the service rewrite the prompt: auto, on or off.")
    var magicPrompt: MagicPromptOption = .auto

    @Option(help: ArgumentHelp("Magic prompt version, e.g. V_0 (only with auto or on).", valueName: "version"))
    var magicPromptVersion: String?

    @Option(help: "A fixed seed, 0 to 2147483647 (default: random).")
    var seed: Int?

    @Option(help: "Images per source file, 1 to 8; each is billed.")
    var numImages: Int = 1

    func request() throws(CommandFailure) -> UpscaleRequest {
        let request = UpscaleRequest(prompt: prompt, resemblance: resemblance, detail: detail, magicPromptOption: magicPrompt,
                                     magicPromptVersion: magicPromptVersion, numImages: numImages, seed: seed)
        let problems = request.problems()
        guard problems.isEmpty else {
            throw CommandFailure(.badInput, problems.map { "--" + $0.field.replacingOccurrences(of: "_", with: "-") + ": " + $0.description }.joined(separator: "\n"))
        }
        return request
    }
}
