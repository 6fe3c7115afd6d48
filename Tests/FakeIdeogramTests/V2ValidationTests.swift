import FakeIdeogram
import Testing

/// Each model's fields and ranges as the contract lists them: what is taken gets a 200, any
/// other field or value a 400 naming it, before anything runs or is billed.
@Suite("v2 validation")
struct V2ValidationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var model: String
        var fields: [String: String]
        var testDescription: String { "\(model) \(fields.sorted { $0.key < $1.key })" }
    }

    /// Every field each model lists, at a valid value: all accepted.
    static let accepted: [Case] = [
        Case(model: "auto", fields: ["upscale_factor": "x8", "seed": "0"]),
        Case(model: "topaz-standard-2", fields: [
            "upscale_factor": "x4", "denoise": "0.35", "fix_compression": "1", "sharpen": "0", "strength": "0.01",
            "subject_detection": "foreground", "face_enhancement": "true", "face_enhancement_strength": "0.5",
            "face_enhancement_creativity": "0.2",
        ]),
        Case(model: "topaz-text-refine", fields: ["seed": "2147483647", "subject_detection": "all", "face_enhancement": "false"]),
        Case(model: "topaz-wonder-3-5", fields: ["enhancement_strength": "medium", "seed": "9"]),
        Case(model: "topaz-wonder-4", fields: ["upscale_factor": "x4", "seed": "1"]),
        Case(model: "topaz-bloom-2", fields: [
            "prompt": String(repeating: "b", count: 1024), "creativity": "9", "color_preservation": "false",
        ]),
        Case(model: "topaz-redefine", fields: [
            "prompt": "a cat", "autoprompt": "true", "creativity": "1", "texture": "5", "denoise": "0.2", "private": "true",
        ]),
        Case(model: "nano-banana-pro", fields: ["resolution_tier": "4K", "prompt": String(repeating: "n", count: 2000), "seed": "4"]),
        Case(model: "auto", fields: ["async": "true", "webhook_url": "https://example.com/hook", "target_collection_id": "c1"]),
    ]

    /// Fields a model does not list and values out of range.
    static let refused: [Case] = [
        Case(model: "topaz-standard-2", fields: ["seed": "1"]),
        Case(model: "auto", fields: ["denoise": "0.5"]),
        Case(model: "auto", fields: ["resolution_tier": "2K"]),
        Case(model: "topaz-wonder-3-5", fields: ["prompt": "a cat"]),
        Case(model: "topaz-wonder-4", fields: ["upscale_factor": "x8"]),
        Case(model: "topaz-wonder-4", fields: ["enhancement_strength": "low"]),
        Case(model: "topaz-bloom-2", fields: ["texture": "2"]),
        Case(model: "topaz-bloom-2", fields: ["prompt": String(repeating: "b", count: 1025)]),
        Case(model: "topaz-bloom-2", fields: ["creativity": "0"]),
        Case(model: "topaz-redefine", fields: ["creativity": "10"]),
        Case(model: "topaz-redefine", fields: ["texture": "6"]),
        Case(model: "topaz-redefine", fields: ["autoprompt": "yes"]),
        Case(model: "topaz-standard-2", fields: ["denoise": "1.5"]),
        Case(model: "topaz-standard-2", fields: ["strength": "0"]),
        Case(model: "topaz-standard-2", fields: ["sharpen": "-0.1"]),
        Case(model: "topaz-standard-2", fields: ["subject_detection": "faces"]),
        Case(model: "topaz-standard-2", fields: ["face_enhancement": "true"]),
        Case(model: "topaz-text-refine", fields: ["face_enhancement": "true", "face_enhancement_strength": "0.5"]),
        Case(model: "topaz-text-refine", fields: ["seed": "2147483648"]),
        Case(model: "topaz-wonder-3-5", fields: ["enhancement_strength": "max"]),
        Case(model: "auto", fields: ["upscale_factor": "3"]),
        Case(model: "auto", fields: ["upscale_factor": "x16"]),
        Case(model: "auto", fields: ["webhook_url": "http://example.com/hook"]),
        Case(model: "nano-banana-pro", fields: ["upscale_factor": "x2"]),
        Case(model: "nano-banana-pro", fields: ["resolution_tier": "8K"]),
        Case(model: "nano-banana-pro", fields: ["prompt": String(repeating: "n", count: 2001)]),
    ]

    @Test(arguments: accepted)
    func everyListedFieldIsTaken(_ request: Case) async throws {
        try await withFakeService { service async throws in
            let answer = try await HTTP.v2Upscale(service, model: request.model, .v2(fields: request.fields.sorted { $0.key < $1.key }))
            #expect(answer.status == 200, "\(answer.text)")
            #expect(!answer.generationID.isEmpty)
            #expect(service.receivedV2Calls().map(\.fields) == [request.fields])
        }
    }

    @Test(arguments: refused)
    func unlistedFieldsAndValuesOutOfRangeAre400(_ request: Case) async throws {
        try await withFakeService { service async throws in
            let answer = try await HTTP.v2Upscale(service, model: request.model, .v2(fields: request.fields.sorted { $0.key < $1.key }))
            #expect(answer.status == 400, "\(answer.text)")
            let named = request.fields.keys.contains { answer.errorMessage.contains($0) }
            #expect(named, "the message names the field: \(answer.errorMessage)")
            #expect(service.generationRecords().isEmpty)
        }
    }

    @Test func theOutputMayNotPass8192Pixels() async throws {
        try await withFakeService { service async throws in
            let wide = TestImages.jpeg(width: 2049, height: 100)
            let over = try await HTTP.v2Upscale(service, model: "topaz-standard-2",
                                                .v2(image: wide, filename: "w.jpg", contentType: "image/jpeg", fields: [("upscale_factor", "x4")]))
            #expect(over.status == 400)
            #expect(over.errorMessage.contains("8192"))
            let exact = TestImages.jpeg(width: 2048, height: 100)
            let within = try await HTTP.v2Upscale(service, model: "topaz-standard-2",
                                                  .v2(image: exact, filename: "w.jpg", contentType: "image/jpeg", fields: [("upscale_factor", "x4")]))
            #expect(within.status == 200, "\(within.text)")
            #expect(within.json["width"] as? Int == 8192)
            // The default factor is x2.
            let tall = TestImages.jpeg(width: 100, height: 4097)
            let byDefault = try await HTTP.v2Upscale(service, model: "auto", .v2(image: tall, filename: "t.jpg", contentType: "image/jpeg"))
            #expect(byDefault.status == 400)
        }
    }

    @Test func nanoBananaProRefusesASourceAtOrAboveItsTier() async throws {
        try await withFakeService { service async throws in
            func send(_ width: Int, _ tier: String?) async throws -> HTTPAnswer {
                let image = TestImages.jpeg(width: width, height: 10)
                return try await HTTP.v2Upscale(service, model: "nano-banana-pro", .v2(
                    image: image, filename: "s.jpg", contentType: "image/jpeg", fields: tier.map { [("resolution_tier", $0)] } ?? []))
            }
            #expect(try await send(2048, nil).status == 400)  // 2K by default
            #expect(try await send(2047, nil).status == 200)
            #expect(try await send(1024, "1K").status == 400)
            let fourK = try await send(1024, "4K")
            #expect(fourK.status == 200)
            #expect(fourK.json["width"] as? Int == 4096)
            #expect(fourK.json["height"] as? Int == 40)
        }
    }

    @Test func anUnknownModelIs404() async throws {
        try await withFakeService { service async throws in
            let answer = try await HTTP.v2Upscale(service, model: "topaz-standard-3")
            #expect(answer.status == 404)
            #expect(answer.errorMessage.contains("topaz-standard-2"))
        }
    }

    @Test func theFormIsCheckedAsTheContractDemands() async throws {
        try await withFakeService { service async throws in
            var legacyName = MultipartBody()
            legacyName.addFile(name: "image_file", filename: "s.png", contentType: "image/png", bytes: TestImages.png(width: 8, height: 8))
            let misnamed = try await HTTP.v2Upscale(service, model: "auto", legacyName)
            #expect(misnamed.status == 400)
            #expect(misnamed.errorMessage.contains("image_file"))

            let doubled = try await HTTP.v2Upscale(service, model: "auto", .v2(fields: [("seed", "1"), ("seed", "2")]))
            #expect(doubled.status == 400)

            let gif = try await HTTP.v2Upscale(service, model: "auto", .v2(image: TestImages.gif(width: 8, height: 8), filename: "a.gif",
                                                                            contentType: "image/gif"))
            #expect(gif.status == 400)

            let wrongKey = try await HTTP.v2Upscale(service, model: "auto", key: "other")
            #expect(wrongKey.status == 403)
            let bearer = try await HTTP.send(service.baseURL + "/v2/image/upscale/auto",
                                             headers: [("Content-Type", MultipartBody.v2().contentType), ("Authorization", "Bearer test-key")],
                                             body: MultipartBody.v2().bytes)
            #expect(bearer.status == 401, "the v2 calls read Api-Key only")
            #expect(service.generationRecords().isEmpty)
        }
    }

    @Test func theV2UploadLimitIsItsOwn() async throws {
        var configuration = FakeServiceConfiguration()
        configuration.maxV2UploadBytes = 1000
        try await withFakeService(configuration) { service async throws in
            let big = TestImages.png(width: 64, height: 64) + [UInt8](repeating: 0, count: 2000)
            let answer = try await HTTP.v2Upscale(service, model: "auto", .v2(image: big))
            #expect(answer.status == 413)
            #expect(answer.errorMessage.contains("image"))
        }
    }
}
