import IdeogramKit

/// The v2 side of the options: `--model` and the fields it takes, checked by `V2Request` itself
/// (which fields a model takes, the ranges), each refusal naming the option and the model.
extension UpscaleOptions {
    /// The v2 request, or nil for `--model legacy` (which then takes no v2 field).
    func v2Request() throws(CommandFailure) -> V2Request? {
        guard case .v2(let model) = model else {
            let given = UpscaleField.allCases.filter { fields[$0] != nil }.map(\.optionName)
            if let first = given.first {
                throw CommandFailure(.badInput, "\(first) needs a v2 model (--model \(UpscaleModel.topazStandard2.rawValue), ...): "
                    + "--model legacy takes --prompt, --resemblance, --detail, --magic-prompt, --seed and --num-images")
            }
            if quote { throw CommandFailure(.badInput, "--quote needs a v2 model: the legacy endpoint gives no quotes") }
            return nil
        }
        // Only a legacy fixed seed is checked for repeats; a v2 job is a new generation each time.
        if force {
            throw CommandFailure(.badInput, "--force only overrides the legacy fixed-seed duplicate check; \(model.rawValue) jobs are never "
                + "checked for duplicates (each run is a new, billed generation), so leave it out")
        }
        var problems = legacyOptionsGiven.map {
            "\($0) is a legacy option: \(model.rawValue) does not take it (it belongs to --model legacy)"
        }
        var values: [UpscaleField: FieldValue] = [:]
        values[.prompt] = prompt.map(FieldValue.text)
        values[.seed] = seed.map(FieldValue.integer)
        for field in UpscaleField.allCases {
            guard let text = fields[field] else { continue }
            do { values[field] = try FieldValue.parse(text, as: field) } catch {
                problems.append(Self.message(error, model: model))
            }
        }
        do {
            let request = try V2Request(model: model, values: values)
            if problems.isEmpty { return request }
        } catch {
            problems += error.problems.map { Self.message($0, model: model) }
        }
        throw CommandFailure(.badInput, problems.joined(separator: "\n") + "\nnothing was sent")
    }

    /// A field's problem as the command line says it: by its option, with the model.
    static func message(_ problem: RequestValidationError, model: UpscaleModel) -> String {
        let option = UpscaleField(rawValue: problem.field)?.optionName ?? "--" + problem.field.replacingOccurrences(of: "_", with: "-")
        if case .notTaken = problem {
            let takes = model.fields.map(\.optionName).joined(separator: ", ")
            return "\(option) is not an option \(model.rawValue) takes (it takes \(takes))"
        }
        return "\(option) with \(model.rawValue): \(problem.description)"
    }
}
