import Foundation
import IdeogramKit

extension JobReport {
    /// One line of JSON, without the newline: every key, sorted, absent values as null, times as
    /// ISO 8601 UTC with milliseconds. The same object as the `Codable` form (`makeEncoder()`);
    /// written by `JSONLineWriter`, which is several times faster.
    public func jsonLine() -> String {
        var writer = JSONLineWriter()
        write(to: &writer)
        return writer.text
    }

    /// Writes the report as one JSON object; the keys in sorted order, as `makeEncoder()` sorts them.
    func write(to writer: inout JSONLineWriter) {
        writer.object { json in
            json.key("attempts"); json.integer(attempts)
            json.key("billed_is_estimate"); json.bool(billedIsEstimate)
            json.key("billed_usd_micros"); json.integer(billedUSDMicros)
            json.key("dialect"); json.string(dialect.rawValue)
            json.key("duplicate"); json.bool(duplicate)
            json.key("endpoint"); json.string(endpoint)
            json.key("error"); json.string(error)
            json.key("error_category"); json.string(errorCategory?.rawValue)
            json.key("generation_id"); json.string(generationID)
            json.key("job_id"); json.string(jobID)
            json.key("may_have_been_billed"); json.bool(mayHaveBeenBilled)
            json.key("model"); json.string(model)
            json.key("quote_usd_micros"); json.integer(quoteUSDMicros)
            json.key("request"); request.write(to: &json)
            json.key("results"); json.array(results) { json, result in result.write(to: &json) }
            json.key("source"); json.string(source)
            json.key("spending_hold")
            if let spendingHold { spendingHold.write(to: &json) } else { json.null() }
            json.key("status"); json.string(status.rawValue)
            json.key("submitted_at"); json.string(submittedAt?.formatted(Self.timeFormat))
            json.key("updated_at"); json.string(updatedAt?.formatted(Self.timeFormat))
        }
    }
}

extension ResultReport {
    func write(to writer: inout JSONLineWriter) {
        writer.object { json in
            json.key("bytes"); json.integer(bytes)
            json.key("error"); json.string(error)
            json.key("file"); json.string(file)
            json.key("index"); json.integer(index)
            json.key("outcome"); json.string(outcome.rawValue)
            json.key("prompt"); json.string(prompt)
            json.key("resolution"); json.string(resolution)
            json.key("seed"); json.integer(seed)
            json.key("sidecar"); json.string(sidecar)
            json.key("url"); json.string(url)
        }
    }
}

extension SpendingHoldReport {
    func write(to writer: inout JSONLineWriter) {
        writer.object { json in
            json.key("cap_usd_micros"); json.integer(capUSDMicros)
            json.key("job_is_estimate"); json.bool(jobIsEstimate)
            json.key("job_usd_micros"); json.integer(jobUSDMicros)
            json.key("today_usd_micros"); json.integer(todayUSDMicros)
        }
    }
}

extension UpscaleRequest {
    /// The request as `UpscaleRequest.jsonString()` writes it (IdeogramKit's `encode(to:)`): an
    /// empty prompt and absent optional fields left out, keys sorted.
    func write(to writer: inout JSONLineWriter) {
        writer.object { json in
            json.key("detail"); json.integer(detail)
            json.key("magic_prompt_option"); json.string(magicPromptOption.rawValue)
            if let magicPromptVersion { json.key("magic_prompt_version"); json.string(magicPromptVersion) }
            json.key("num_images"); json.integer(numImages)
            if let prompt, !prompt.isEmpty { json.key("prompt"); json.string(prompt) }
            json.key("resemblance"); json.integer(resemblance)
            if let seed { json.key("seed"); json.integer(seed) }
        }
    }
}
