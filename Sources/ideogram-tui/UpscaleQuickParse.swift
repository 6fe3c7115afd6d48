import ArgumentParser
import IdeogramKit

/// The plain `upscale` command lines scripts run, read without swift-argument-parser's
/// reflection: building `UpscaleCommand`'s argument set walks its properties with `Mirror` and
/// the runtime's conformance lookups, about 8 ms of every start (BENCHMARKS.md).
///
/// It only ever answers for a command line swift-argument-parser would accept as the same
/// values: long options with their value (`--name value` or `--name=value`), flags, and file
/// names. Anything else (help, a short option, a value or file that starts with `-`, an
/// option given twice, an empty value, a value its type refuses, no file) gives nil, and the
/// caller hands the line to `UpscaleCommand.parse`, which owns every message and usage text.
/// Values are converted by the same `ExpressibleByArgument` initialisers the parser uses.
/// Tests compare the two on many lines, and check `UpscaleOptionName` against the command.
enum UpscaleQuickParse {
    static func options(_ arguments: [String]) -> UpscaleOptions? {
        var options = UpscaleOptions()
        // An array, not a Set: a Set's first use costs the runtime a conformance lookup.
        var seen: [UpscaleOptionName] = []
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("-") else {
                // A bare "help" is what some users type for help; leave it to the parser.
                guard !argument.isEmpty, argument != "help" else { return nil }
                options.files.append(argument)
                continue
            }
            guard argument.hasPrefix("--") else { return nil }
            let body = argument.dropFirst(2)
            var name = String(body)
            var value: String?
            if let equals = body.firstIndex(of: "=") {
                name = String(body[..<equals])
                value = String(body[body.index(after: equals)...])
            }
            guard let option = UpscaleOptionName.named(name), !seen.contains(option) else { return nil }
            seen.append(option)
            if option.isFlag {
                guard value == nil else { return nil }
            } else if value == nil, index < arguments.endIndex {
                value = arguments[index]
                index += 1
            }
            guard option.apply(value, to: &options) else { return nil }
        }
        return options.isComplete ? options : nil
    }
}

/// Every option and flag of `UpscaleCommand`, by its long name.
enum UpscaleOptionName: String, CaseIterable {
    case prompt, resemblance, detail
    case magicPrompt = "magic-prompt"
    case magicPromptVersion = "magic-prompt-version"
    case seed
    case numImages = "num-images"
    case baseURL = "base-url"
    case dialect, timeout, out
    case maxUploadMb = "max-upload-mb"
    case concurrency
    case maxAttempts = "max-attempts"
    case history, resume, force, json
    case noDownload = "no-download"

    /// The option spelled `name`. Not `init(rawValue:)`: for a String raw value that builds a
    /// `Dictionary<String, Int>` of the cases at first use, whose conformance lookup cost about
    /// 0.25 ms of every start.
    static func named(_ name: String) -> UpscaleOptionName? {
        allCases.first { $0.rawValue == name }
    }

    var isFlag: Bool {
        switch self {
        case .resume, .force, .json, .noDownload: true
        default: false
        }
    }

    /// Sets the option; false when its value is missing, empty, looks like an option, or does
    /// not convert. A flag has no value.
    func apply(_ value: String?, to options: inout UpscaleOptions) -> Bool {
        if isFlag {
            switch self {
            case .resume: options.resume = true
            case .force: options.force = true
            case .json: options.json = true
            default: options.noDownload = true
            }
            return true
        }
        guard let value, !value.isEmpty, !value.hasPrefix("-") else { return false }
        switch self {
        case .prompt: options.prompt = value
        case .magicPromptVersion: options.magicPromptVersion = value
        case .baseURL: options.baseURL = value
        case .out: options.out = value
        case .history: options.historyPath = value
        case .resemblance: return Self.convert(value) { options.resemblance = $0 }
        case .detail: return Self.convert(value) { options.detail = $0 }
        case .magicPrompt: return Self.convert(value) { options.magicPrompt = $0 }
        case .seed: return Self.convert(value) { (seed: Int) in options.seed = seed }
        case .numImages: return Self.convert(value) { options.numImages = $0 }
        case .dialect: return Self.convert(value) { (dialect: Dialect) in options.dialect = dialect }
        case .timeout: return Self.convert(value) { options.timeout = $0 }
        case .maxUploadMb: return Self.convert(value) { options.maxUploadMb = $0 }
        case .concurrency: return Self.convert(value) { options.concurrency = $0 }
        case .maxAttempts: return Self.convert(value) { options.maxAttempts = $0 }
        case .resume, .force, .json, .noDownload: return false
        }
        return true
    }

    private static func convert<Value: ExpressibleByArgument>(_ text: String, _ set: (Value) -> Void) -> Bool {
        guard let value = Value(argument: text) else { return false }
        set(value)
        return true
    }
}
