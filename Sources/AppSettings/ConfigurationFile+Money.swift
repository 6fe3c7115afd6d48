import IdeogramKit
import TOMLKit

/// The money keys of `config.toml` and the per-model field defaults (`[models.<model>]`).
extension ConfigurationFile {
    static func readMoney(_ reader: TableReader, into c: inout SettingValues) throws(ConfigurationError) {
        if let price = try reader.usd("legacy_price_usd", in: Settings.usdMicrosRange) { c.legacyPriceUSDMicros = price }
        if let cap = try reader.usd("max_spend_usd_per_day", in: Settings.usdMicrosRange) { c.maxSpendUSDMicrosPerDay = cap }
        if let confirm = try reader.usd("confirm_over_usd", in: Settings.usdMicrosRange) { c.confirmOverUSDMicros = confirm }
    }

    /// `[models.topaz-standard-2]` and the like: each key a field of the contract the model takes,
    /// each value read as the command line reads it (`FieldValue.parse`) and checked by the
    /// model's own rules.
    static func modelDefaults(_ value: any TOMLValueConvertible, path: String) throws(ConfigurationError) -> [UpscaleModel: [UpscaleField: FieldValue]] {
        guard let models = value.table else {
            throw ConfigurationError(source: path, key: "models", problem: "must be tables: [models.topaz-standard-2]")
        }
        var defaults: [UpscaleModel: [UpscaleField: FieldValue]] = [:]
        for name in models.keys {
            let key = "models." + name
            guard let model = UpscaleModel(rawValue: name) else {
                throw ConfigurationError(source: path, key: key,
                                         problem: "not a model (known: \(UpscaleModel.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard let table = models[name]?.table else {
                throw ConfigurationError(source: path, key: key, problem: "must be a table: [\(key)]")
            }
            defaults[model] = try fields(table, of: model, path: path, key: key)
        }
        return defaults
    }

    private static func fields(_ table: TOMLTable, of model: UpscaleModel, path: String, key: String) throws(ConfigurationError) -> [UpscaleField: FieldValue] {
        var values: [UpscaleField: FieldValue] = [:]
        for name in table.keys.sorted() {
            let fieldKey = key + "." + name
            guard let field = UpscaleField(rawValue: name), model.takes(field) else {
                throw ConfigurationError(source: path, key: fieldKey,
                                         problem: "\(model.rawValue) does not take \(name) (it takes \(model.fields.map(\.rawValue).joined(separator: ", ")))")
            }
            guard let text = table[name].flatMap(formText) else {
                throw ConfigurationError(source: path, key: fieldKey, problem: "must be a number, true or false, or a string (allowed: \(field.allowed))")
            }
            do { values[field] = try FieldValue.parse(text, as: field) } catch {
                throw ConfigurationError(source: path, key: fieldKey, problem: error.description)
            }
        }
        // The model's own rules: ranges, prompt lengths, fields that need each other.
        do { _ = try V2Request(model: model, values: values) } catch {
            let problem = error.problems.first
            throw ConfigurationError(source: path, key: key + (problem.map { "." + $0.field } ?? ""), problem: problem?.description ?? error.description)
        }
        return values
    }

    /// A TOML value as a user would type it on the command line.
    private static func formText(_ value: any TOMLValueConvertible) -> String? {
        if let text = value.string { return text }
        if let flag = value.bool { return flag ? "true" : "false" }
        if let number = value.int { return String(number) }
        if let number = value.double { return String(number) }
        return nil
    }
}
