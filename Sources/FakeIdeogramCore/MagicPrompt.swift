/// Stands in for the service's prompt rewriting: with magic prompt ON or AUTO the prompt comes
/// back longer, so clients must show the prompt the service used, not the one they sent.
enum MagicPrompt {
    static func promptUsed(for prompt: String?, option: MagicPromptOption, seed: Int) -> String {
        let original = (prompt ?? "").trimmingWhitespace()
        guard option != .off else { return prompt ?? "" }
        let sentence = sentences[seed % sentences.count]
        guard !original.isEmpty else { return "A faithful, sharply detailed upscale of the source image. \(sentence)" }
        let terminated = original.last.map { ".!?".contains($0) } == true ? original : original + "."
        return "\(terminated) \(sentence)"
    }

    /// Chosen by seed, so the same request gets the same rewrite.
    private static let sentences = [
        "Soft golden light falls across the scene, revealing fine textures and crisp edges.",
        "The composition is balanced, with a clear subject framed against a gently blurred background.",
        "Rich, saturated colours and subtle gradients give the image depth and warmth.",
        "Every surface shows delicate detail, from smooth highlights to finely grained shadows.",
        "A calm atmosphere pervades the picture, rendered with natural tones and gentle contrast.",
        "Bold shapes and clean lines stand out, lit by bright, even daylight.",
        "Misty air softens the distance while the foreground stays sharp and vivid.",
        "The palette moves from cool blues to warm ambers, with carefully preserved highlights.",
    ]
}
