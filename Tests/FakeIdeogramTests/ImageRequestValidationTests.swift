import FakeIdeogram
import Testing

@Suite("image_request validation")
struct ImageRequestValidationTests {
    @Test(arguments: [
        ("", "not valid JSON"),
        ("{seed: 1}", "not valid JSON"),
        ("[]", "must be a JSON object (got array)"),
        ("\"{}\"", "must be a JSON object (got string)"),
        (#"{"resemblance":0}"#, "resemblance must be an integer from 1 to 100 (got 0)"),
        (#"{"resemblance":101}"#, "resemblance must be an integer from 1 to 100"),
        (#"{"resemblance":"50"}"#, "resemblance must be an integer from 1 to 100 (got string)"),
        (#"{"detail":0}"#, "detail must be an integer from 1 to 100"),
        (#"{"detail":50.5}"#, "detail must be an integer"),
        (#"{"num_images":0}"#, "num_images must be an integer from 1 to 8"),
        (#"{"num_images":9}"#, "num_images must be an integer from 1 to 8"),
        (#"{"seed":-1}"#, "seed must be an integer from 0 to 2147483647"),
        (#"{"seed":2147483648}"#, "seed must be an integer from 0 to 2147483647"),
        (#"{"seed":true}"#, "seed must be an integer from 0 to 2147483647 (got boolean)"),
        (#"{"prompt":5}"#, "prompt must be a string (got integer)"),
        (#"{"magic_prompt_option":"auto"}"#, "magic_prompt_option must be one of AUTO, ON, OFF"),
        (#"{"magic_prompt_option":1}"#, "magic_prompt_option must be a string"),
        (#"{"magic_prompt_version":"V1"}"#, "magic_prompt_version must look like V_0"),
        (#"{"magic_prompt_option":"OFF","magic_prompt_version":"V_0"}"#, "only allowed with magic_prompt_option AUTO or ON"),
    ])
    func rejects(imageRequest: String, fragment: String) async throws {
        try await withFakeService { service async throws in
            let answer = try await HTTP.upscale(service, .upscale(imageRequest: imageRequest))
            #expect(answer.status == 400)
            #expect(answer.errorMessage.contains(fragment), "message was: \(answer.errorMessage)")
            #expect(service.receivedRequests().first?.imageRequestJSON == imageRequest)
        }
    }

    @Test(arguments: [
        "{}",
        #"{"resemblance":1,"detail":100,"num_images":8,"seed":0}"#,
        #"{"seed":2147483647,"magic_prompt_option":"ON","magic_prompt_version":"V_0_1"}"#,
        #"{"magic_prompt_version":"V_0"}"#,
        #"{"prompt":null,"seed":null}"#,
        #"{"style_type":"REALISTIC","future_field":{"x":[1,2]}}"#,
    ])
    func accepts(imageRequest: String) async throws {
        try await withFakeService { service async throws in
            let answer = try await HTTP.upscale(service, .upscale(imageRequest: imageRequest))
            #expect(answer.status == 200, "\(answer.text)")
        }
    }
}
