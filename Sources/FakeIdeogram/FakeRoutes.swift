import FakeIdeogramCore
import Hummingbird

/// The HTTP surface of the fake service.
enum FakeRoutes {
    static func router(backend: FakeBackend) -> Router<BasicRequestContext> {
        let router = Router()
        let upscale = UpscaleEndpoint(backend: backend)
        let images = ResultImageEndpoint(backend: backend)
        let control = ControlEndpoints(backend: backend)
        let v2 = V2Endpoints(backend: backend)

        router.post("/ideogram/upscale") { request, _ in try await upscale.handle(request, dialect: .aggregator) }
        router.post("/upscale") { request, _ in try await upscale.handle(request, dialect: .official) }
        router.post("/v2/image/upscale/:model") { request, context in
            try await v2.upscale(request, model: context.parameters.get("model") ?? "")
        }
        router.get("/v2/generations/:id") { request, context in v2.poll(request, id: context.parameters.get("id") ?? "") }
        router.get("/images/:file") { request, context in
            let query = Dictionary(
                request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { first, _ in first })
            return images.handle(file: context.parameters.get("file") ?? "", query: query)
        }
        router.post("/_fake/faults") { request, _ in await control.injectFaults(request) }
        router.get("/_fake/requests") { _, _ in control.receivedRequests() }
        router.post("/_fake/poll-faults") { request, _ in await control.injectPollFaults(request) }
        router.get("/_fake/v2/calls") { _, _ in control.receivedV2Calls() }
        router.get("/_fake/v2/generations") { _, _ in control.generations() }
        router.get("/_fake/health") { _, _ in control.health() }
        return router
    }
}
