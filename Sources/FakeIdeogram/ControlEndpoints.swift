import FakeIdeogramCore
import Foundation
import Hummingbird

/// `/_fake/...`: lets a test drive and inspect a fake service running in another process.
struct ControlEndpoints: Sendable {
    let backend: FakeBackend

    /// `POST /_fake/faults` with `{"faults":["429:2","503"]}`: queues them, all or none.
    func injectFaults(_ request: Request) async -> Response {
        struct Body: Decodable { var faults: [String] }
        let faults: [FakeFault]
        do {
            let buffer = try await request.body.collect(upTo: 1 << 20)
            let body = try JSONDecoder().decode(Body.self, from: Data(buffer.readableBytesView))
            faults = try body.faults.map { spec throws(FakeFaultSpecError) in try FakeFault(spec: spec) }
        } catch let error as FakeFaultSpecError {
            return JSONAnswer.error(status: 400, message: error.description)
        } catch {
            return JSONAnswer.error(status: 400, message: "expected a JSON body like {\"faults\":[\"429:2\",\"503\"]}")
        }
        backend.enqueueFaults(faults)
        return JSONAnswer.response(status: 200, json: ["queued": faults.map(\.description)])
    }

    /// `GET /_fake/requests`: the `ReceivedUpscale` log as a JSON array.
    func receivedRequests() -> Response {
        do {
            let json = try ReceivedUpscale.makeJSONEncoder().encode(backend.receivedRequests())
            return JSONAnswer.response(status: 200, body: json)
        } catch {
            return JSONAnswer.error(status: 500, message: "could not encode the request log: \(error)")
        }
    }

    /// `POST /_fake/poll-faults` with `{"faults":["429:2","503"]}`: queues them for the next polls, all or none.
    func injectPollFaults(_ request: Request) async -> Response {
        struct Body: Decodable { var faults: [String] }
        let faults: [PollFault]
        do {
            let buffer = try await request.body.collect(upTo: 1 << 20)
            let body = try JSONDecoder().decode(Body.self, from: Data(buffer.readableBytesView))
            faults = try body.faults.map { spec throws(FakeFaultSpecError) in try PollFault(spec: spec) }
        } catch let error as FakeFaultSpecError {
            return JSONAnswer.error(status: 400, message: error.description)
        } catch {
            return JSONAnswer.error(status: 400, message: "expected a JSON body like {\"faults\":[\"429:2\",\"503\"]}")
        }
        backend.enqueuePollFaults(faults)
        return JSONAnswer.response(status: 200, json: ["queued": faults.map(\.description)])
    }

    /// `GET /_fake/v2/calls`: every v2 upscale, quote and poll (`ReceivedV2Call`).
    func receivedV2Calls() -> Response {
        encoded(backend.receivedV2Calls(), what: "the v2 call log")
    }

    /// `GET /_fake/v2/generations`: every generation as it stands, with what it billed.
    func generations() -> Response {
        encoded(backend.generationRecords(), what: "the generations")
    }

    private func encoded(_ value: some Encodable, what: String) -> Response {
        do {
            return JSONAnswer.response(status: 200, body: try ReceivedUpscale.makeJSONEncoder().encode(value))
        } catch {
            return JSONAnswer.error(status: 500, message: "could not encode \(what): \(error)")
        }
    }

    /// `GET /_fake/health`.
    func health() -> Response {
        JSONAnswer.response(status: 200, json: ["status": "ok"])
    }
}
