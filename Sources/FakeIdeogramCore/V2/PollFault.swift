/// A misbehaviour on one poll of `GET /v2/generations/{id}`. `description` gives back the spec.
public enum PollFault: Sendable, Equatable, CustomStringConvertible {
    /// 429 (over the poll rate), with `Retry-After` when given.
    case rateLimited(retryAfter: Int?)
    /// A 5xx with a JSON error body.
    case serverError(status: Int)

    public static let specSyntax = "429, 429:<retry-after seconds>, 5xx (e.g. 500, 503)"

    public init(spec: String) throws(FakeFaultSpecError) {
        let (head, argument) = spec.trimmingWhitespace().splitOnce(":")
        func fail(_ reason: String) -> FakeFaultSpecError { FakeFaultSpecError(spec: spec, reason: reason, accepted: Self.specSyntax) }
        if head == "429" {
            guard let argument else { self = .rateLimited(retryAfter: nil); return }
            guard let seconds = Int(argument), seconds >= 0 else { throw fail("Retry-After must be a whole number of seconds, e.g. 429:5") }
            self = .rateLimited(retryAfter: seconds)
            return
        }
        guard argument == nil, let status = Int(head), (500...599).contains(status) else { throw fail("unknown poll fault") }
        self = .serverError(status: status)
    }

    public var description: String {
        switch self {
        case .rateLimited(let retryAfter): retryAfter.map { "429:\($0)" } ?? "429"
        case .serverError(let status): "\(status)"
        }
    }

    var rejection: RequestRejection {
        switch self {
        case .rateLimited(let retryAfter):
            RequestRejection(status: 429, message: "Too many polls: over 1000 polls per 10 seconds; wait and poll again",
                             retryAfter: retryAfter)
        case .serverError(let status):
            RequestRejection(status: status, message: status == 503 ? "Service temporarily unavailable" : "Internal server error")
        }
    }
}

/// A poll fault that fires with a probability (0...1): "0.1:429:2".
public struct RandomPollFault: Sendable, Equatable, CustomStringConvertible {
    public var fault: PollFault
    public var probability: Double

    public init(fault: PollFault, probability: Double) {
        self.fault = fault
        self.probability = probability
    }

    public init(spec: String) throws(FakeFaultSpecError) {
        let (probabilityText, faultSpec) = spec.trimmingWhitespace().splitOnce(":")
        guard let probability = Double(probabilityText), (0...1).contains(probability), let faultSpec else {
            throw FakeFaultSpecError(spec: spec, reason: "a random poll fault is a probability in 0...1 and a fault, e.g. 0.1:429:2",
                                     accepted: PollFault.specSyntax)
        }
        self.init(fault: try PollFault(spec: faultSpec), probability: probability)
    }

    public var description: String { "\(probability):\(fault)" }
}
