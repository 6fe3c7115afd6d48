import FakeIdeogram
import Testing

@Suite("Fault spec syntax")
struct FakeFaultSpecTests {
    @Test(arguments: [
        ("429", FakeFault.rateLimited(retryAfter: nil)),
        ("429:5", .rateLimited(retryAfter: 5)),
        ("402", .outOfCredit(reason: "insufficient_funds")),
        ("402:daily_limit", .outOfCredit(reason: "daily_limit")),
        ("422", .safetyRejected),
        ("500", .serverError(status: 500)),
        ("503", .serverError(status: 503)),
        ("400:seed is odd", .badRequest(message: "seed is odd")),
        ("unsafe", .unsafeImage),
        ("malformed", .malformedBody),
        ("close", .closeMidAnswer),
        ("delay:2s", .delay(.seconds(2))),
        ("delay:250ms", .delay(.milliseconds(250))),
        ("text:502:Bad gateway: upstream", .plainTextError(status: 502, text: "Bad gateway: upstream")),
        ("fail", .generationFailed(reason: "content_policy_violation")),
        ("fail:internal_error", .generationFailed(reason: "internal_error")),
    ])
    func parses(spec: String, expected: FakeFault) throws {
        #expect(try FakeFault(spec: spec) == expected)
    }

    @Test(arguments: ["429", "429:5", "402:daily_limit", "422", "503", "400:bad", "unsafe", "malformed", "close",
                      "delay:2s", "delay:250ms", "text:502:Bad gateway", "fail:content_policy_violation"])
    func descriptionRoundTrips(spec: String) throws {
        #expect(try FakeFault(spec: spec).description == spec)
    }

    @Test(arguments: ["", "418", "429:soon", "429:-1", "422:x", "delay", "delay:fast", "delay:-1s", "text:200:ok",
                      "text:502", "unsafe:1", "600", "400:", "402:daily limit", "fail:", "fail:no way"])
    func rejectsBadSpecsNamingThem(spec: String) {
        #expect {
            try FakeFault(spec: spec)
        } throws: { error in
            (error as? FakeFaultSpecError)?.description.contains("\"\(spec)\"") == true
        }
    }

    @Test func randomFaultSpec() throws {
        #expect(try RandomFault(spec: "0.1:503") == RandomFault(fault: .serverError(status: 503), probability: 0.1))
        #expect(try RandomFault(spec: "1:429:2") == RandomFault(fault: .rateLimited(retryAfter: 2), probability: 1))
        #expect(throws: FakeFaultSpecError.self) { try RandomFault(spec: "1.5:503") }
        #expect(throws: FakeFaultSpecError.self) { try RandomFault(spec: "0.5") }
        #expect(throws: FakeFaultSpecError.self) { try RandomFault(spec: "0.5:nope") }
    }

    @Test func pollFaultSpecsParseAndRoundTrip() throws {
        #expect(try PollFault(spec: "429") == .rateLimited(retryAfter: nil))
        #expect(try PollFault(spec: "429:3") == .rateLimited(retryAfter: 3))
        #expect(try PollFault(spec: "503") == .serverError(status: 503))
        #expect(try PollFault(spec: "429:3").description == "429:3")
        #expect(try RandomPollFault(spec: "0.25:429:1") == RandomPollFault(fault: .rateLimited(retryAfter: 1), probability: 0.25))
        for bad in ["unsafe", "429:soon", "402", "503:x", "2:429", "0.5"] {
            #expect {
                try RandomPollFault(spec: bad.contains(".") ? bad : "0.5:" + bad)
            } throws: { error in
                (error as? FakeFaultSpecError)?.description.contains(PollFault.specSyntax) == true
            }
        }
    }
}
