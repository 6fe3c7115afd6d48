import Foundation

/// Turns a failure answer (status, headers, body) into an `UpscaleError`.
///
/// Error bodies are usually `{"error": "..."}`, sometimes with `reject_reason`; aggregators may
/// answer with their own JSON or plain text. Whatever came is shown, made safe and cut short.
public enum ErrorAnswer {
    public static func error(status: Int, retryAfterHeader: String?, body: [UInt8]) -> UpscaleError {
        let parsed = parse(body)
        let message = parsed.message.isEmpty ? "no details given" : parsed.message
        switch status {
        case 400: return .badRequest(message: message)
        case 401, 403: return .unauthorized(status: status, message: message)
        case 402: return .outOfCredit(reason: parsed.rejectReason, message: message)
        case 413: return .tooLarge(message: message)
        case 422: return .rejectedBySafety(message: message)
        case 429 where parsed.rejectReason == "inflight_limit":
            return .inflightLimit(maxInflightImages: parsed.maxInflight, retryAfter: retryAfterSeconds(retryAfterHeader), message: message)
        case 429: return .rateLimited(retryAfter: retryAfterSeconds(retryAfterHeader), message: message)
        case 500...599: return .serverError(status: status, message: message)
        default: return .unexpectedStatus(status: status, message: message)
        }
    }

    /// `Retry-After` as delta seconds, or an HTTP date turned into seconds from now.
    static func retryAfterSeconds(_ header: String?, now: Date = Date()) -> Int? {
        guard let value = header?.trimmingWhitespace(), !value.isEmpty else { return nil }
        if let seconds = Int(value) { return max(0, seconds) }
        // An HTTP date is printable ASCII; Foundation's DateFormatter traps on some other text
        // (a combining mark after a digit), and the header comes from the network.
        guard value.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return max(0, Int(date.timeIntervalSince(now).rounded(.up)))
    }

    static func parse(_ body: [UInt8]) -> (message: String, rejectReason: String?, maxInflight: Int?) {
        if let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] {
            let reason = (object["reject_reason"] as? String).map { TerminalSafeText.sanitize($0, limit: 60) }
            let most = (object["max_inflight_requests"] as? Int).flatMap { $0 > 0 ? $0 : nil }
            for key in ["error", "message", "detail"] {
                if let text = object[key] as? String { return (TerminalSafeText.sanitize(text), reason, most) }
                if let nested = object[key] as? [String: Any], let text = nested["message"] as? String {
                    return (TerminalSafeText.sanitize(text), reason, most)
                }
            }
            return (TerminalSafeText.sanitize(String(decoding: body, as: UTF8.self)), reason, most)
        }
        return (TerminalSafeText.sanitize(String(decoding: body, as: UTF8.self)), nil, nil)
    }
}
