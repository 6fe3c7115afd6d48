import Foundation
import IdeogramKit

/// The fields of the prompt and parameters pane, top to bottom.
public enum ParameterField: String, Hashable, Sendable, CaseIterable {
    case prompt, resemblance, detail, magicPrompt, seed, numImages

    var next: ParameterField? {
        let all = Self.allCases
        let i = all.firstIndex(of: self)!
        return i + 1 < all.count ? all[i + 1] : nil
    }

    var previous: ParameterField? {
        let all = Self.allCases
        let i = all.firstIndex(of: self)!
        return i > 0 ? all[i - 1] : nil
    }
}

/// A random seed, or a fixed one the user typed or took from a result.
public enum SeedChoice: Hashable, Sendable {
    case random
    case fixed(Int)
}

/// The prompt and parameters the next submission will use.
///
/// Values are kept as typed, even out of range: `problems` shows what is wrong where it is,
/// and a submission is refused while there are any.
public struct ParametersState: Hashable, Sendable {
    public var prompt = TextEditor()
    public var resemblance = UpscaleRequest.defaultResemblance
    public var detail = UpscaleRequest.defaultDetail
    public var magicPrompt = MagicPromptOption.auto
    public var seed = SeedChoice.random
    public var numImages = 1
    /// `.prompt`: the prompt editor has the keyboard, whichever model is chosen. With a v2
    /// model any other value only means "not editing": `models.focus` names the field.
    public var focus = ParameterField.prompt
    /// Digits typed into the focused number field so far; nil when not typing.
    public var typedDigits: String?
    /// The job whose source and parameters `e` loaded, so a submission says what it came from.
    public var loadedFrom: LoadedJob?

    public struct LoadedJob: Hashable, Sendable {
        public var id: JobRowID
        public var sourcePath: String
        public var sourceName: String
        /// The source's header, read on `e` when its folder is not the one shown (the files
        /// pane keeps only the shown folder's sizes), for the output size and the quote.
        public var inspection: ImageInspection? = nil
    }

    /// The chosen model and every model's values (`ModelFields`).
    public var models: ModelFields

    /// `modelDefaults`: the values each model starts with (config.toml's `[models.X]` tables).
    public init(modelDefaults: [UpscaleModel: [UpscaleField: FieldValue]] = [:]) {
        models = ModelFields(defaults: modelDefaults)
    }

    public var request: UpscaleRequest {
        let text = prompt.text.trimmingCharacters(in: .whitespaces)
        let fixedSeed: Int? = if case .fixed(let value) = seed { value } else { nil }
        return UpscaleRequest(prompt: text.isEmpty ? nil : text, resemblance: resemblance, detail: detail,
                              magicPromptOption: magicPrompt, numImages: numImages, seed: fixedSeed)
    }

    /// What keeps the chosen model's request from being sent, in field order.
    public var problems: [RequestValidationError] {
        guard let model = models.model else { return request.problems() }
        do { _ = try V2Request(model: model, values: v2Values); return [] } catch { return error.problems }
    }

    /// The problem with one field, to show next to it.
    public func problem(for field: ParameterField) -> RequestValidationError? {
        let name: String = switch field {
        case .prompt: "prompt"
        case .resemblance: "resemblance"
        case .detail: "detail"
        case .magicPrompt: "magic_prompt_option"
        case .seed: "seed"
        case .numImages: "num_images"
        }
        return problems.first { $0.field == name }
    }

    public mutating func load(_ request: UpscaleRequest) {
        prompt.setText(request.prompt ?? "")
        resemblance = request.resemblance
        detail = request.detail
        magicPrompt = request.magicPromptOption
        numImages = request.numImages
        seed = request.seed.map(SeedChoice.fixed) ?? .random
        typedDigits = nil
    }

    /// The allowed range of a number field, for arrow steps.
    static func range(of field: ParameterField) -> ClosedRange<Int>? {
        switch field {
        case .resemblance: UpscaleRequest.resemblanceRange
        case .detail: UpscaleRequest.detailRange
        case .numImages: UpscaleRequest.numImagesRange
        case .seed: UpscaleRequest.seedRange
        case .prompt, .magicPrompt: nil
        }
    }

    func value(of field: ParameterField) -> Int? {
        switch field {
        case .resemblance: resemblance
        case .detail: detail
        case .numImages: numImages
        case .seed: if case .fixed(let v) = seed { v } else { nil }
        case .prompt, .magicPrompt: nil
        }
    }

    mutating func setValue(_ value: Int, of field: ParameterField) {
        switch field {
        case .resemblance: resemblance = value
        case .detail: detail = value
        case .numImages: numImages = value
        case .seed: seed = .fixed(value)
        case .prompt, .magicPrompt: break
        }
    }
}
