import FakeIdeogram
import Foundation
import Testing

/// The request log says how each 200 was delivered and which result URLs it held, so a soak
/// can check every URL the service handed out reached the disk.
@Suite("Request log: delivery and result URLs")
struct RequestLogOutcomeTests {
    @Test func wholeAnswerLogsItsURLs() async throws {
        try await withFakeService { service async throws in
            let answer = try await HTTP.upscale(service, .upscale(imageRequest: #"{"num_images":2}"#))
            let logged = try #require(service.receivedRequests().first)
            #expect(logged.delivery == "whole")
            #expect(logged.resultURLs == answer.entries.compactMap { $0["url"] as? String })
            #expect(logged.resultURLs.count == 2)
        }
    }

    @Test func withheldImagesLogNoURL() async throws {
        try await withFakeService { service async throws in
            service.injectFaults([.unsafeImage])
            _ = try await HTTP.upscale(service)
            let logged = try #require(service.receivedRequests().first)
            #expect(logged.delivery == "whole")
            #expect(logged.resultURLs.isEmpty)
        }
    }

    @Test(arguments: [(FakeFault.malformedBody, "truncated"), (FakeFault.closeMidAnswer, "closed")])
    func brokenDeliveriesAreNamed(fault: FakeFault, delivery: String) async throws {
        try await withFakeService { service async throws in
            service.injectFaults([fault])
            _ = try? await HTTP.upscale(service)
            let logged = try #require(service.receivedRequests().first)
            #expect(logged.delivery == delivery)
            #expect(logged.resultURLs.count == 1)
        }
    }

    @Test func refusalsLogNoDelivery() async throws {
        try await withFakeService { service async throws in
            service.injectFaults([.serverError(status: 503)])
            _ = try await HTTP.upscale(service)
            let logged = try #require(service.receivedRequests().first)
            #expect(logged.status == 503)
            #expect(logged.delivery == nil)
            #expect(logged.resultURLs.isEmpty)
        }
    }
}

@Suite("v2 call log: the source's file name")
struct V2CallFilenameTests {
    @Test func upscaleAndQuoteLogTheFileName() async throws {
        try await withFakeService { service async throws in
            _ = try await HTTP.v2Upscale(service, model: "topaz-standard-2", .v2(filename: "a.png"), dryRun: true)
            _ = try await HTTP.v2Upscale(service, model: "topaz-standard-2", .v2(filename: "b.png", fields: [("async", "true")]))
            #expect(service.receivedV2Calls().map(\.filename) == ["a.png", "b.png"])
        }
    }
}
