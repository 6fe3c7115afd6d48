import Foundation
import Testing
@testable import IdeogramKit

@Suite struct UpscaleRequestTests {
    @Test func defaultsMatchTheContract() {
        let request = UpscaleRequest()
        #expect(request.resemblance == 50 && request.detail == 50)
        #expect(request.magicPromptOption == .auto && request.numImages == 1)
        #expect(request.seed == nil && request.prompt == nil && request.magicPromptVersion == nil)
        #expect(request.problems().isEmpty)
    }

    @Test(arguments: [
        (UpscaleRequest(resemblance: 0), "resemblance 0 is out of range: allowed 1 to 100"),
        (UpscaleRequest(resemblance: 101), "resemblance 101 is out of range: allowed 1 to 100"),
        (UpscaleRequest(detail: -3), "detail -3 is out of range: allowed 1 to 100"),
        (UpscaleRequest(numImages: 9), "num_images 9 is out of range: allowed 1 to 8"),
        (UpscaleRequest(numImages: 0), "num_images 0 is out of range: allowed 1 to 8"),
        (UpscaleRequest(seed: -1), "seed -1 is out of range: allowed 0 to 2147483647"),
        (UpscaleRequest(seed: 2_147_483_648), "seed 2147483648 is out of range: allowed 0 to 2147483647"),
        (UpscaleRequest(magicPromptVersion: "v1"), "magic_prompt_version v1 is not valid: allowed V_0, V_0_1, … (V_ then numbers joined by _)"),
        (UpscaleRequest(magicPromptOption: .off, magicPromptVersion: "V_0"), "magic_prompt_version V_0 is not valid: allowed only with magic_prompt_option AUTO or ON"),
    ])
    func refusesOutOfRangeValuesNamingFieldValueAndRange(request: UpscaleRequest, message: String) {
        #expect(request.problems().map(\.description) == [message])
        #expect(throws: RequestValidationError.self) { try request.validate() }
    }

    @Test func boundariesAreAccepted() {
        let low = UpscaleRequest(resemblance: 1, detail: 1, numImages: 1, seed: 0)
        let high = UpscaleRequest(resemblance: 100, detail: 100, magicPromptVersion: "V_0_1", numImages: 8, seed: 2_147_483_647)
        #expect(low.problems().isEmpty && high.problems().isEmpty)
    }

    @Test func jsonIsPlainUTF8WithSortedKeys() {
        let request = UpscaleRequest(prompt: "A serene tropical beach, café ☀", resemblance: 60, detail: 40, magicPromptOption: .on, seed: 12345)
        #expect(request.jsonString() == #"{"detail":40,"magic_prompt_option":"ON","num_images":1,"prompt":"A serene tropical beach, café ☀","resemblance":60,"seed":12345}"#)
        #expect(UpscaleRequest().jsonString() == #"{"detail":50,"magic_prompt_option":"AUTO","num_images":1,"resemblance":50}"#)
    }

    @Test func jsonRoundTrips() throws {
        let request = UpscaleRequest(prompt: "x", resemblance: 7, detail: 8, magicPromptOption: .auto, magicPromptVersion: "V_0", numImages: 3, seed: 9)
        let decoded = try JSONDecoder().decode(UpscaleRequest.self, from: Data(request.jsonString().utf8))
        #expect(decoded == request)
    }
}
