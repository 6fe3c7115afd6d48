import Foundation

/// Turns a validated upscale into the answer's entries, registering each result image under a
/// signed, expiring URL.
struct ResultIssuer {
    let backend: FakeBackend

    func entries(for parameters: UpscaleParameters, source: SniffedImage, withheld: Bool) -> [UpscaleAnswerBody.Entry] {
        let configuration = backend.configuration
        let resolution = ResultResolution(sourceWidth: source.width, sourceHeight: source.height, scale: configuration.scale)
        let firstSeed = parameters.seed ?? backend.withRandom { Int.random(in: 0...UpscaleParameters.maxSeed, using: &$0) }
        return (0..<parameters.numImages).map { index in
            // Each further image continues from the given seed, wrapping below 2^31.
            let seed = (firstSeed + index) % (UpscaleParameters.maxSeed + 1)
            let prompt = MagicPrompt.promptUsed(for: parameters.prompt, option: parameters.magicPromptOption, seed: seed)
            let url = withheld ? nil : issueURL(resolution: resolution, seed: seed)
            return .init(seed: seed, prompt: prompt, resolution: resolution.description, url: url, isImageSafe: !withheld)
        }
    }

    private func issueURL(resolution: ResultResolution, seed: Int) -> String {
        let lifetime = backend.configuration.urlLifetime.components
        let expiresAt = Date().addingTimeInterval(Double(lifetime.seconds) + Double(lifetime.attoseconds) / 1e18)
        let expiry = Int(expiresAt.timeIntervalSince1970.rounded(.up))
        let id = backend.newImageID()
        backend.images.register(
            ResultImage(id: id, resolution: resolution, pictureSeed: UInt64(seed), expiresAt: expiresAt, expiryUnixSeconds: expiry))
        let signature = backend.signer.signature(id: id, expiry: expiry)
        return "\(backend.baseURL)/images/\(id).png?exp=\(expiry)&sig=\(signature)"
    }
}
