import FakeIdeogramCore
import Hummingbird

/// The HTTP surface of the fake service.
enum FakeRoutes {
    static func router(backend: FakeBackend) -> Router<BasicRequestContext> {
        let router = Router()
        let upscale = UpscaleEndpoint(backend: backend)
        let images = ResultImageEndpoint(backend: backend)
        let control = ControlEndpoints(backend: backend)

        router.post("/ideogram/upscale") { request, _ in try await upscale.handle(request, dialect: .aggregator) }
        router.post("/upscale") { request, _ in try await upscale.handle(request, dialect: .official) }
        router.get("/images/:file") { request, context in
            let query = Dictionary(
                request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { first, _ in first })
            return images.handle(file: context.parameters.get("file") ?? "", query: query)
        }
        router.post("/_fake/faults") { request, _ in await control.injectFaults(request) }
        router.get("/_fake/requests") { _, _ in control.receivedRequests() }
        router.get("/_fake/health") { _, _ in control.health() }
        return router
    }
}
