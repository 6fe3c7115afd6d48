/// A fault that fires on an upscale request with the given probability (0...1).
public struct RandomFault: Sendable, Equatable, CustomStringConvertible {
    public var fault: FakeFault
    public var probability: Double

    public init(fault: FakeFault, probability: Double) {
        self.fault = fault
        self.probability = probability
    }

    /// Parses "<probability>:<fault spec>", e.g. "0.1:503" or "0.05:429:2".
    public init(spec: String) throws(FakeFaultSpecError) {
        let (probabilityText, faultSpec) = spec.trimmingWhitespace().splitOnce(":")
        guard let probability = Double(probabilityText), (0...1).contains(probability) else {
            throw FakeFaultSpecError(spec: spec, reason: "a random fault starts with a probability in 0...1, e.g. 0.1:503")
        }
        guard let faultSpec else {
            throw FakeFaultSpecError(spec: spec, reason: "a random fault needs a fault after the probability, e.g. 0.1:503")
        }
        self.init(fault: try FakeFault(spec: faultSpec), probability: probability)
    }

    public var description: String { "\(probability):\(fault)" }
}
