import FakeIdeogram
import Testing

@Suite("Credentials of both dialects")
struct AuthenticationTests {
    @Test(arguments: HTTP.Dialect.allCases)
    func acceptsTheConfiguredKey(dialect: HTTP.Dialect) async throws {
        try await withFakeService { service async throws in
            let answer = try await HTTP.upscale(service, dialect: dialect)
            #expect(answer.status == 200)
            #expect(service.receivedRequests().map(\.dialect) == [dialect.rawValue])
        }
    }

    @Test(arguments: HTTP.Dialect.allCases)
    func missingCredentialIs401(dialect: HTTP.Dialect) async throws {
        try await withFakeService { service async throws in
            let answer = try await HTTP.upscale(service, dialect: dialect, key: nil)
            #expect(answer.status == 401)
            #expect(!answer.errorMessage.isEmpty)
            #expect(service.receivedRequests().map(\.status) == [401])
        }
    }

    @Test(arguments: HTTP.Dialect.allCases)
    func unknownKeyIs403WithoutEchoingIt(dialect: HTTP.Dialect) async throws {
        try await withFakeService { service async throws in
            let answer = try await HTTP.upscale(service, dialect: dialect, key: "sk-secret-123")
            #expect(answer.status == 403)
            #expect(!answer.errorMessage.isEmpty)
            #expect(!answer.text.contains("sk-secret-123"))
        }
    }

    @Test func eachDialectReadsOnlyItsOwnHeader() async throws {
        try await withFakeService { service async throws in
            let form = MultipartBody.upscale()
            let wrongHeader = try await HTTP.send(
                service.baseURL + "/upscale", headers: [("Content-Type", form.contentType), ("Authorization", "Bearer test-key")],
                body: form.bytes)
            #expect(wrongHeader.status == 401)
            #expect(wrongHeader.errorMessage.contains("Api-Key"))

            let notBearer = try await HTTP.send(
                service.baseURL + "/ideogram/upscale", headers: [("Content-Type", form.contentType), ("Authorization", "test-key")],
                body: form.bytes)
            #expect(notBearer.status == 401)
            #expect(notBearer.errorMessage.contains("Bearer"))
        }
    }

    @Test func nilAcceptedKeysTakesAnyNonEmptyCredential() async throws {
        try await withFakeService(.init(acceptedKeys: nil)) { service async throws in
            #expect(try await HTTP.upscale(service, key: "whatever").status == 200)
            #expect(try await HTTP.upscale(service, dialect: .official, key: "anything").status == 200)
            #expect(try await HTTP.upscale(service, dialect: .official, key: "").status == 401)
        }
    }
}
