import AsyncHTTPClient
import FakeIdeogram
import Foundation
import Testing

@Suite("Injected faults")
struct FaultTests {
    /// Injects `fault`, sends one upscale and returns its answer.
    private func answer(to fault: FakeFault) async throws -> HTTPAnswer {
        try await withFakeService { service async throws in
            service.injectFaults([fault])
            let answer = try await HTTP.upscale(service)
            #expect(service.receivedRequests().map(\.status) == [answer.status])
            return answer
        }
    }

    @Test func rateLimitedWithAndWithoutRetryAfter() async throws {
        let withHeader = try await answer(to: .rateLimited(retryAfter: 7))
        #expect(withHeader.status == 429)
        #expect(withHeader.header("Retry-After") == "7")
        #expect(withHeader.json["reject_reason"] as? String == "inflight_limit")

        let without = try await answer(to: .rateLimited(retryAfter: nil))
        #expect(without.status == 429)
        #expect(without.header("Retry-After") == nil)
    }

    @Test(arguments: ["insufficient_funds", "daily_limit"])
    func outOfCredit(reason: String) async throws {
        let answer = try await answer(to: .outOfCredit(reason: reason))
        #expect(answer.status == 402)
        #expect(answer.json["reject_reason"] as? String == reason)
        #expect(!answer.errorMessage.isEmpty)
    }

    @Test func safetyRejected() async throws {
        let answer = try await answer(to: .safetyRejected)
        #expect(answer.status == 422)
        #expect(!answer.errorMessage.isEmpty)
    }

    @Test(arguments: [500, 502, 503])
    func serverErrors(status: Int) async throws {
        let answer = try await answer(to: .serverError(status: status))
        #expect(answer.status == status)
        #expect(!answer.errorMessage.isEmpty)
    }

    @Test func badRequestCarriesTheMessage() async throws {
        let answer = try await answer(to: .badRequest(message: "prompt too long"))
        #expect(answer.status == 400)
        #expect(answer.errorMessage == "prompt too long")
    }

    @Test func plainTextError() async throws {
        let answer = try await answer(to: .plainTextError(status: 502, text: "Bad gateway"))
        #expect(answer.status == 502)
        #expect(answer.text == "Bad gateway")
        #expect(answer.header("Content-Type")?.hasPrefix("text/plain") == true)
    }

    @Test func unsafeImageWithholdsEveryUrl() async throws {
        try await withFakeService { service async throws in
            service.injectFaults([.unsafeImage])
            let answer = try await HTTP.upscale(service, .upscale(imageRequest: #"{"num_images":3}"#))
            #expect(answer.status == 200)
            #expect(answer.entries.count == 3)
            for entry in answer.entries {
                #expect(entry["is_image_safe"] as? Bool == false)
                #expect(entry["url"] is NSNull)
            }
        }
    }

    @Test func malformedBodyIsNotJSON() async throws {
        let answer = try await answer(to: .malformedBody)
        #expect(answer.status == 200)
        #expect(answer.text.hasPrefix("{"))
        #expect((try? JSONSerialization.jsonObject(with: Data(answer.body))) == nil)
    }

    @Test func closeMidAnswerFailsTheClient() async throws {
        try await withFakeService { service async throws in
            service.injectFaults([.closeMidAnswer])
            await #expect(throws: (any Error).self) {
                _ = try await HTTP.upscale(service)
            }
            #expect(service.receivedRequests().map(\.status) == [200])
            // The service keeps working for the next request.
            #expect(try await HTTP.upscale(service).status == 200)
        }
    }

    @Test func delayAddsLatencyThenAnswersNormally() async throws {
        try await withFakeService { service async throws in
            service.injectFaults([.delay(.milliseconds(400))])
            let clock = ContinuousClock()
            let start = clock.now
            let answer = try await HTTP.upscale(service)
            #expect(clock.now - start >= .milliseconds(400))
            #expect(answer.status == 200)
        }
    }

    @Test func injectedFaultsAreOneShotAndInOrder() async throws {
        try await withFakeService { service async throws in
            service.injectFaults([.serverError(status: 503), .rateLimited(retryAfter: 1)])
            var statuses: [Int] = []
            for _ in 0..<3 { statuses.append(try await HTTP.upscale(service).status) }
            #expect(statuses == [503, 429, 200])
        }
    }

    @Test func faultsAreNotSpentOnRejectedRequests() async throws {
        try await withFakeService { service async throws in
            service.injectFaults([.serverError(status: 500)])
            #expect(try await HTTP.upscale(service, key: "wrong").status == 403)
            #expect(try await HTTP.upscale(service).status == 500)
        }
    }

    @Test func randomFaultsFollowTheirProbability() async throws {
        let always = FakeServiceConfiguration(randomFaults: [RandomFault(fault: .safetyRejected, probability: 1)], randomSeed: 1)
        try await withFakeService(always) { service async throws in
            #expect(try await HTTP.upscale(service).status == 422)
            service.injectFaults([.serverError(status: 503)])  // injected ones take precedence
            #expect(try await HTTP.upscale(service).status == 503)
        }
        let never = FakeServiceConfiguration(randomFaults: [RandomFault(fault: .safetyRejected, probability: 0)])
        try await withFakeService(never) { service async throws in
            #expect(try await HTTP.upscale(service).status == 200)
        }
    }

    @Test func randomFaultsAreReproducibleWithASeed() async throws {
        let configuration = FakeServiceConfiguration(
            randomFaults: [RandomFault(fault: .serverError(status: 503), probability: 0.5)], randomSeed: 42)
        func statuses() async throws -> [Int] {
            try await withFakeService(configuration) { service async throws in
                var statuses: [Int] = []
                for _ in 0..<12 { statuses.append(try await HTTP.upscale(service).status) }
                return statuses
            }
        }
        let first = try await statuses()
        #expect(try await statuses() == first)
        #expect(Set(first) == [200, 503])
    }
}
