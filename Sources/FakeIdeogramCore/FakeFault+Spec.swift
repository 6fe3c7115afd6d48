/// The compact fault syntax shared by the CLI (`--fault 429:5`) and `POST /_fake/faults`.
extension FakeFault {
    /// Every accepted form, for error messages and help texts.
    public static let specSyntax =
        "429, 429:<retry-after seconds>, 402, 402:<reason>, 422, 5xx (e.g. 500, 503), 400:<message>, "
        + "unsafe, malformed, close, delay:<n>s|<n>ms, text:<status>:<text>, fail, fail:<failure reason>"

    /// Parses "429", "429:5", "402", "402:daily_limit", "422", "500", "503", "400:message",
    /// "unsafe", "malformed", "close", "delay:2s", "delay:250ms", "text:502:Bad gateway".
    public init(spec: String) throws(FakeFaultSpecError) {
        let trimmed = spec.trimmingWhitespace()
        let (head, argument) = trimmed.splitOnce(":")
        func fail(_ reason: String) -> FakeFaultSpecError { FakeFaultSpecError(spec: spec, reason: reason) }
        func noArgument(_ fault: FakeFault) throws(FakeFaultSpecError) -> FakeFault {
            guard argument == nil else { throw fail("\(head) takes no argument") }
            return fault
        }

        switch head.lowercased() {
        case "429":
            guard let argument else { self = .rateLimited(retryAfter: nil); return }
            guard let seconds = Int(argument), seconds >= 0 else {
                throw fail("Retry-After must be a whole number of seconds, e.g. 429:5")
            }
            self = .rateLimited(retryAfter: seconds)
        case "402":
            let reason = argument ?? "insufficient_funds"
            guard !reason.isEmpty, reason.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw fail("the 402 reject reason must be a word such as insufficient_funds or daily_limit")
            }
            self = .outOfCredit(reason: reason)
        case "422":
            self = try noArgument(.safetyRejected)
        case "400":
            let message = argument ?? "Invalid request"
            guard !message.isEmpty else { throw fail("400 needs a message after the colon, e.g. 400:bad seed") }
            self = .badRequest(message: message)
        case "unsafe":
            self = try noArgument(.unsafeImage)
        case "fail":
            let reason = argument ?? "content_policy_violation"
            guard !reason.isEmpty, reason.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw fail("the failure reason must be a word such as content_policy_violation")
            }
            self = .generationFailed(reason: reason)
        case "malformed":
            self = try noArgument(.malformedBody)
        case "close":
            self = try noArgument(.closeMidAnswer)
        case "delay":
            guard let argument, let duration = Duration(compactSpec: argument) else {
                throw fail("delay needs a duration such as delay:2s or delay:250ms")
            }
            self = .delay(duration)
        case "text":
            let (statusText, text) = (argument ?? "").splitOnce(":")
            guard let status = Int(statusText), (400...599).contains(status) else {
                throw fail("text needs an error status 400-599, e.g. text:502:Bad gateway")
            }
            guard let text, !text.isEmpty else { throw fail("text needs a body after the status, e.g. text:502:Bad gateway") }
            self = .plainTextError(status: status, text: text)
        default:
            guard let status = Int(head), (500...599).contains(status) else {
                throw fail("unknown fault")
            }
            self = try noArgument(.serverError(status: status))
        }
    }

    public var description: String {
        switch self {
        case .rateLimited(let retryAfter): retryAfter.map { "429:\($0)" } ?? "429"
        case .outOfCredit(let reason): "402:\(reason)"
        case .safetyRejected: "422"
        case .serverError(let status): "\(status)"
        case .badRequest(let message): "400:\(message)"
        case .unsafeImage: "unsafe"
        case .malformedBody: "malformed"
        case .closeMidAnswer: "close"
        case .delay(let duration): "delay:\(duration.compactSpec)"
        case .plainTextError(let status, let text): "text:\(status):\(text)"
        case .generationFailed(let reason): "fail:\(reason)"
        }
    }
}

/// A fault spec that could not be parsed; the message names the spec and the accepted forms.
public struct FakeFaultSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    public var spec: String
    public var reason: String
    /// The accepted forms, for the message (upscale faults or poll faults).
    public var accepted = FakeFault.specSyntax

    public var description: String {
        "invalid fault spec \"\(spec)\": \(reason) (accepted: \(accepted))"
    }
}

extension Duration {
    /// Parses "2s", "1.5s", "250ms" (up to a day; larger values are surely typos).
    init?(compactSpec: String) {
        let text = compactSpec.trimmingWhitespace().lowercased()
        let seconds: Double
        if text.hasSuffix("ms"), let millis = Double(text.dropLast(2)) {
            seconds = millis / 1000
        } else if text.hasSuffix("s"), let value = Double(text.dropLast()) {
            seconds = value
        } else {
            return nil
        }
        guard seconds >= 0, seconds <= 86_400 else { return nil }
        self = .nanoseconds(Int64((seconds * 1_000_000_000).rounded()))
    }

    /// "2s" for whole seconds, else "250ms" (sub-millisecond parts are dropped).
    var compactSpec: String {
        let millis = components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
        return millis % 1000 == 0 ? "\(millis / 1000)s" : "\(millis)ms"
    }
}
