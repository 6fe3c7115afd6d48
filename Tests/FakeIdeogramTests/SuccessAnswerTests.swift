import FakeIdeogram
import Foundation
import Testing

@Suite("Successful upscale answers")
struct SuccessAnswerTests {
    @Test func answerHasTheContractShape() async throws {
        try await withFakeService { service async throws in
            let answer = try await HTTP.upscale(
                service, .upscale(imageRequest: #"{"prompt":"A beach","seed":12345,"magic_prompt_option":"OFF"}"#))
            #expect(answer.status == 200)
            #expect(answer.header("Content-Type") == "application/json")
            let created = try #require(answer.json["created"] as? String)
            #expect(created.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil, "created was \(created)")

            let entry = try #require(answer.entries.first)
            #expect(answer.entries.count == 1)
            #expect(entry["seed"] as? Int == 12345)
            #expect(entry["prompt"] as? String == "A beach")
            #expect(entry["resolution"] as? String == "128x96")
            #expect(entry["is_image_safe"] as? Bool == true)
            let url = try #require(entry["url"] as? String)
            let pattern = #/http://127\.0\.0\.1:(\d+)/images/[A-Za-z0-9]+\.png\?exp=(\d+)&sig=[0-9a-f]+/#
            let match = try #require(url.wholeMatch(of: pattern), "url was \(url)")
            #expect(Int(match.1) == service.port)
            let expiry = try #require(Double(match.2))
            #expect(abs(expiry - Date().timeIntervalSince1970 - 3600) < 5)
        }
    }

    @Test func numImagesEntriesWithSeedsCountingOnAndWrapping() async throws {
        try await withFakeService { service async throws in
            let answer = try await HTTP.upscale(service, .upscale(imageRequest: #"{"seed":2147483646,"num_images":3}"#))
            #expect(answer.entries.compactMap { $0["seed"] as? Int } == [2_147_483_646, 2_147_483_647, 0])
            #expect(Set(answer.entries.compactMap { $0["url"] as? String }).count == 3)
        }
    }

    @Test func seedIsRandomWhenOmitted() async throws {
        try await withFakeService { service async throws in
            var seeds: Set<Int> = []
            for _ in 0..<3 {
                let seed = try #require(try await HTTP.upscale(service).entries.first?["seed"] as? Int)
                #expect((0...2_147_483_647).contains(seed))
                seeds.insert(seed)
            }
            #expect(seeds.count > 1)
        }
    }

    @Test func magicPromptRewritesWithOnAndAuto() async throws {
        try await withFakeService { service async throws in
            func prompt(_ request: String) async throws -> String {
                try await HTTP.upscale(service, .upscale(imageRequest: request)).entries.first?["prompt"] as? String ?? "<none>"
            }
            let on = try await prompt(#"{"prompt":"A cat","magic_prompt_option":"ON","seed":1}"#)
            #expect(on.hasPrefix("A cat") && on.count > "A cat".count + 20)
            let auto = try await prompt(#"{"prompt":"A cat","seed":1}"#)
            #expect(auto == on)
            let autoWithoutPrompt = try await prompt("{}")
            #expect(autoWithoutPrompt.count > 20)
            #expect(try await prompt(#"{"magic_prompt_option":"OFF"}"#) == "")
        }
    }

    @Test func scaleIsConfigurable() async throws {
        try await withFakeService(.init(scale: 3)) { service async throws in
            let answer = try await HTTP.upscale(service, .upscale(image: TestImages.png(width: 10, height: 5)))
            #expect(answer.entries.first?["resolution"] as? String == "30x15")
        }
    }

    @Test func latencyDelaysTheAnswer() async throws {
        try await withFakeService(.init(latency: .milliseconds(300), latencyJitter: .milliseconds(100))) { service async throws in
            let clock = ContinuousClock()
            let start = clock.now
            #expect(try await HTTP.upscale(service).status == 200)
            let elapsed = clock.now - start
            #expect(elapsed >= .milliseconds(300))
        }
    }

    @Test func receivedRequestsRecordTheUpload() async throws {
        try await withFakeService { service async throws in
            let image = TestImages.png(width: 20, height: 10)
            _ = try await HTTP.upscale(service, .upscale(image: image, filename: "beach.png", imageRequest: #"{"seed":5}"#), dialect: .official)
            let received = try #require(service.receivedRequests().first)
            #expect(received.dialect == "official")
            #expect(received.imageRequestJSON == #"{"seed":5}"#)
            #expect(received.filename == "beach.png")
            #expect(received.contentType == "image/png")
            #expect(received.imageBytes == image.count)
            #expect(received.status == 200)
            #expect(abs(received.receivedAt.timeIntervalSinceNow) < 10)
        }
    }
}
