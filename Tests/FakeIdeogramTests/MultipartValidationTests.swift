import FakeIdeogram
import Testing

@Suite("Multipart form checks")
struct MultipartValidationTests {
    /// Sends `form` and expects a 400 whose message contains `fragment`.
    private func expectRejected(_ form: MultipartBody, mentioning fragment: String) async throws {
        try await withFakeService { service async throws in
            let answer = try await HTTP.upscale(service, form)
            #expect(answer.status == 400, "\(answer.text)")
            #expect(answer.errorMessage.contains(fragment), "message was: \(answer.errorMessage)")
            #expect(service.receivedRequests().map(\.status) == [400])
        }
    }

    @Test func notMultipartIs400() async throws {
        try await withFakeService { service async throws in
            let answer = try await HTTP.send(
                service.baseURL + "/ideogram/upscale",
                headers: [("Authorization", "Bearer test-key"), ("Content-Type", "application/json")], body: Array("{}".utf8))
            #expect(answer.status == 400)
            #expect(answer.errorMessage.contains("multipart/form-data"))
        }
    }

    @Test func bodyWithoutTheBoundaryHasNoParts() async throws {
        try await withFakeService { service async throws in
            let answer = try await HTTP.send(
                service.baseURL + "/ideogram/upscale",
                headers: [("Authorization", "Bearer test-key"), ("Content-Type", "multipart/form-data; boundary=abc")],
                body: Array("just some text".utf8))
            #expect(answer.status == 400)
            #expect(answer.errorMessage.contains("no parts"), "\(answer.errorMessage)")
        }
    }

    @Test func invalidPartHeaderIsMalformed() async throws {
        var form = MultipartBody.upscale()
        form.parts[1].headers.append(("Bad Header", "x"))
        try await expectRejected(form, mentioning: "malformed multipart body")
    }

    @Test func fieldNamedImageGetsTheClassicBugMessage() async throws {
        var form = MultipartBody()
        form.addFile(name: "image", filename: "a.png", contentType: "image/png", bytes: TestImages.png(width: 8, height: 8))
        form.addField(name: "image_request", value: "{}")
        try await expectRejected(form, mentioning: "the field name is image_file, not image")
    }

    @Test func missingImageFile() async throws {
        var form = MultipartBody.upscale()
        form.removeParts(named: "image_file")
        try await expectRejected(form, mentioning: "missing part image_file")
    }

    @Test func missingImageRequest() async throws {
        var form = MultipartBody.upscale()
        form.removeParts(named: "image_request")
        try await expectRejected(form, mentioning: "missing part image_request")
    }

    @Test func duplicatePart() async throws {
        var form = MultipartBody.upscale()
        form.addField(name: "image_request", value: "{}")
        try await expectRejected(form, mentioning: "appears 2 times")
    }

    @Test func unexpectedPart() async throws {
        var form = MultipartBody.upscale()
        form.addField(name: "style", value: "AUTO")
        try await expectRejected(form, mentioning: "unexpected part \"style\"")
    }

    @Test func imageWithoutFilename() async throws {
        try await expectRejected(.upscale(filename: nil), mentioning: "no filename")
    }

    @Test func imageWithoutContentType() async throws {
        try await expectRejected(.upscale(contentType: nil), mentioning: "no Content-Type")
    }

    @Test func contentTypeMustMatchTheBytes() async throws {
        try await expectRejected(.upscale(contentType: "image/jpeg"), mentioning: "bytes are a PNG image")
        try await expectRejected(.upscale(contentType: "application/octet-stream"), mentioning: "bytes are a PNG image")
    }

    @Test func truncatedBodyWithoutClosingBoundary() async throws {
        var form = MultipartBody.upscale()
        form.closed = false
        try await expectRejected(form, mentioning: "truncated")
    }

    @Test func recordsWhatArrivedEvenWhenRejected() async throws {
        try await withFakeService { service async throws in
            _ = try await HTTP.upscale(service, .upscale(contentType: "image/gif", imageRequest: #"{"seed":3}"#))
            let received = try #require(service.receivedRequests().first)
            #expect(received.status == 400)
            #expect(received.filename == "source.png")
            #expect(received.contentType == "image/gif")
            #expect(received.imageRequestJSON == #"{"seed":3}"#)
            #expect(received.imageBytes == TestImages.png(width: 64, height: 48).count)
        }
    }
}
