import FakeIdeogram
import Foundation
import Testing

@Suite("Control endpoints for an out-of-process service")
struct ControlEndpointTests {
    @Test func health() async throws {
        try await withFakeService { service async throws in
            let answer = try await HTTP.get(service.baseURL + "/_fake/health")
            #expect(answer.status == 200)
            #expect(answer.json["status"] as? String == "ok")
        }
    }

    @Test func faultsEndpointQueuesFaultsInOrder() async throws {
        try await withFakeService { service async throws in
            let queued = try await HTTP.send(
                service.baseURL + "/_fake/faults", headers: [("Content-Type", "application/json")],
                body: Array(#"{"faults":["429:2","503"]}"#.utf8))
            #expect(queued.status == 200)
            #expect(queued.json["queued"] as? [String] == ["429:2", "503"])

            let limited = try await HTTP.upscale(service)
            #expect(limited.status == 429)
            #expect(limited.header("Retry-After") == "2")
            #expect(try await HTTP.upscale(service).status == 503)
            #expect(try await HTTP.upscale(service).status == 200)
        }
    }

    @Test func faultsEndpointRejectsBadSpecsAndQueuesNothing() async throws {
        try await withFakeService { service async throws in
            let answer = try await HTTP.send(service.baseURL + "/_fake/faults", body: Array(#"{"faults":["503","teapot"]}"#.utf8))
            #expect(answer.status == 400)
            #expect(answer.errorMessage.contains("\"teapot\""))
            #expect(try await HTTP.send(service.baseURL + "/_fake/faults", body: Array("nope".utf8)).status == 400)
            #expect(try await HTTP.upscale(service).status == 200)
        }
    }

    @Test func requestsEndpointListsReceivedUpscales() async throws {
        try await withFakeService { service async throws in
            _ = try await HTTP.upscale(service, .upscale(imageRequest: #"{"seed":1}"#))
            _ = try await HTTP.upscale(service, dialect: .official, key: "wrong")
            let answer = try await HTTP.get(service.baseURL + "/_fake/requests")
            #expect(answer.status == 200)
            let listed = try ReceivedUpscale.makeJSONDecoder().decode([ReceivedUpscale].self, from: Data(answer.body))
            #expect(listed.map(\.status) == [200, 403])
            #expect(listed.map(\.dialect) == ["aggregator", "official"])
            #expect(listed.first?.imageRequestJSON == #"{"seed":1}"#)
            let inProcess = service.receivedRequests()
            #expect(zip(listed, inProcess).allSatisfy { abs($0.receivedAt.timeIntervalSince($1.receivedAt)) < 0.002 })
        }
    }
}
