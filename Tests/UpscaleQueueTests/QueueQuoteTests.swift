import Foundation
import IdeogramClient
import IdeogramKit
import Testing
@testable import UpscaleQueue

/// `UpscaleQueue.quote`, which the UI's price asks through: the queue's own service, free,
/// with the request and the output size checked before any call.
@Suite struct QueueQuoteTests {
    @Test func aQuoteIsAskedOfTheServiceAndNothingIsQueued() async throws {
        let f = try await QueueFixture.make()
        let path = TestImages.write("a.png", in: f.folder.path)
        let request = try V2Request(model: .topazStandard2, values: [.upscaleFactor: .choice("x4")])
        let quote = try await f.queue.quote(imagePath: path, request: request, endpoint: testEndpoint)
        #expect(quote == PriceQuote(usdMicros: 100_000, qualifier: .exact))
        #expect(await f.service.generations.quoted == ["a.png"])
        #expect(await f.queue.snapshot().isEmpty)
        await f.finish()
    }

    @Test func anOutputOver8192PixelsIsRefusedWithoutACall() async throws {
        let f = try await QueueFixture.make()
        let path = TestImages.write("wide.png", in: f.folder.path, bytes: TestImages.png(width: 1200, height: 10))
        let request = try V2Request(model: .topazStandard2, values: [.upscaleFactor: .choice("x8")])
        do {
            _ = try await f.queue.quote(imagePath: path, request: request, endpoint: testEndpoint)
            Issue.record("an impossible output was quoted")
        } catch {
            #expect(error.description.contains("upscale_factor"))
        }
        #expect(await f.service.generations.quoted.isEmpty)
        await f.finish()
    }
}
