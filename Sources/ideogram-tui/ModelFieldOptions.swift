import ArgumentParser
import IdeogramKit

/// The v2 models' fields, one option each, taken as typed: `UpscaleOptions.v2Request` parses
/// them by the field's kind and `V2Request` refuses what the chosen model does not take.
/// `--prompt` and `--seed` are shared with the legacy endpoint and declared with it.
struct ModelFieldOptions: ParsableArguments {
    @Option(help: ArgumentHelp("v2: x2, x4 or x8 (model default x2).", valueName: "factor"))
    var factor: String?

    @Option(help: ArgumentHelp("nano-banana-pro: 1K, 2K or 4K.", valueName: "tier"))
    var resolutionTier: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("topaz-standard-2, -text-refine, -redefine: 0 to 1.", valueName: "amount"))
    var denoise: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("topaz-standard-2, -text-refine, -redefine: 0 to 1.", valueName: "amount"))
    var fixCompression: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("topaz-standard-2, -text-refine, -redefine: 0 to 1.", valueName: "amount"))
    var sharpen: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("topaz-standard-2, -text-refine, -redefine: 0.01 to 1.", valueName: "amount"))
    var strength: String?

    @Option(help: ArgumentHelp("topaz-standard-2, -text-refine, -redefine: all, foreground or background.", valueName: "subject"))
    var subjectDetection: String?

    @Flag(help: "topaz-standard-2, -text-refine, -redefine: enhance faces (needs both face strengths).")
    var faceEnhancement = false

    @Option(parsing: .unconditional, help: ArgumentHelp("With --face-enhancement: 0 to 1.", valueName: "amount"))
    var faceEnhancementStrength: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("With --face-enhancement: 0 to 1.", valueName: "amount"))
    var faceEnhancementCreativity: String?

    @Option(help: ArgumentHelp("topaz-wonder-3-5: low, medium or high.", valueName: "level"))
    var enhancementStrength: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("topaz-bloom-2, topaz-redefine: 1 to 9.", valueName: "level"))
    var creativity: String?

    @Option(help: ArgumentHelp("topaz-bloom-2: true or false.", valueName: "bool"))
    var colorPreservation: String?

    @Flag(help: "topaz-redefine: let the model write its own prompt.")
    var autoprompt = false

    @Option(parsing: .unconditional, help: ArgumentHelp("topaz-redefine: 1 to 5.", valueName: "level"))
    var texture: String?

    /// The fields given, by field.
    var fields: [UpscaleField: String] {
        var fields: [UpscaleField: String] = [:]
        fields[.upscaleFactor] = factor
        fields[.resolutionTier] = resolutionTier
        fields[.denoise] = denoise
        fields[.fixCompression] = fixCompression
        fields[.sharpen] = sharpen
        fields[.strength] = strength
        fields[.subjectDetection] = subjectDetection
        fields[.faceEnhancement] = faceEnhancement ? "true" : nil
        fields[.faceEnhancementStrength] = faceEnhancementStrength
        fields[.faceEnhancementCreativity] = faceEnhancementCreativity
        fields[.enhancementStrength] = enhancementStrength
        fields[.creativity] = creativity
        fields[.colorPreservation] = colorPreservation
        fields[.autoprompt] = autoprompt ? "true" : nil
        fields[.texture] = texture
        return fields
    }
}
