import Foundation
import NIOCore

/// Turns a validated upscale into the answer's entries, registering each result image under a
/// signed, expiring URL, with the source it will be made from.
struct ResultIssuer {
    let backend: FakeBackend

    func entries(for parameters: UpscaleParameters, source: SniffedImage, sourceBytes: ByteBuffer,
                 withheld: Bool) -> [UpscaleAnswerBody.Entry] {
        let resolution = ResultResolution(sourceWidth: source.width, sourceHeight: source.height, scale: backend.configuration.scale)
        let firstSeed = parameters.seed ?? backend.withRandom { Int.random(in: 0...UpscaleParameters.maxSeed, using: &$0) }
        let (expiresAt, expiry) = expiry()
        var issued: [ResultImage] = []
        let entries = (0..<parameters.numImages).map { index in
            // Each further image continues from the given seed, wrapping below 2^31.
            let seed = (firstSeed + index) % (UpscaleParameters.maxSeed + 1)
            let prompt = MagicPrompt.promptUsed(for: parameters.prompt, option: parameters.magicPromptOption, seed: seed)
            var url: String?
            if !withheld {
                let image = ResultImage(id: backend.newImageID(), resolution: resolution, pictureSeed: UInt64(seed),
                                        expiresAt: expiresAt, expiryUnixSeconds: expiry)
                issued.append(image)
                url = self.url(of: image)
            }
            return UpscaleAnswerBody.Entry(seed: seed, prompt: prompt, resolution: resolution.description, url: url, isImageSafe: !withheld)
        }
        if !issued.isEmpty { backend.images.register(issued, source: sourceBytes) }
        return entries
    }

    /// One result of `resolution` made from `source` (a v2 generation's); returns its URL.
    func issue(resolution: ResultResolution, seed: Int, source: ByteBuffer) -> String {
        let (expiresAt, expiry) = expiry()
        let image = ResultImage(id: backend.newImageID(), resolution: resolution, pictureSeed: UInt64(seed),
                                expiresAt: expiresAt, expiryUnixSeconds: expiry)
        backend.images.register([image], source: source)
        return url(of: image)
    }

    /// When URLs issued now expire: precisely, and as the whole second they carry.
    private func expiry() -> (Date, Int) {
        let lifetime = backend.configuration.urlLifetime.components
        let expiresAt = Date().addingTimeInterval(Double(lifetime.seconds) + Double(lifetime.attoseconds) / 1e18)
        return (expiresAt, Int(expiresAt.timeIntervalSince1970.rounded(.up)))
    }

    private func url(of image: ResultImage) -> String {
        let signature = backend.signer.signature(id: image.id, expiry: image.expiryUnixSeconds)
        return "\(backend.resultBaseURL)/images/\(image.id).png?exp=\(image.expiryUnixSeconds)&sig=\(signature)"
    }
}
