import Foundation
import Testing
@testable import AppSettings

@Suite struct APIKeySourceTests {
    private func keyFile(_ text: String, mode: Int) throws -> String {
        let path = NSTemporaryDirectory() + "key-\(UUID().uuidString)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, mode_t(mode))
        return path
    }

    @Test func environmentWinsOverTheFile() throws {
        let file = try keyFile("from-file-0123456789", mode: 0o600)
        let key = try APIKeySource(environment: ["IDEOGRAM_API_KEY": "from-env-0123456789"], keyFile: file).load()
        #expect(key.headerValue() == "from-env-0123456789")
    }

    @Test func readsAPrivateKeyFile() throws {
        let file = try keyFile("sk-file-0123456789abcd\n", mode: 0o600)
        #expect(try APIKeySource(environment: [:], keyFile: file).load().headerValue() == "sk-file-0123456789abcd")
    }

    @Test func refusesAKeyFileOthersCanRead() throws {
        let file = try keyFile("sk-open-0123456789", mode: 0o644)
        #expect(throws: APIKeySource.Failure.keyFileTooOpen(path: file, mode: "644")) {
            try APIKeySource(environment: [:], keyFile: file).load()
        }
    }

    @Test func missingKeyPointsAtBothWaysAndTheDemo() {
        do {
            _ = try APIKeySource(environment: [:], keyFile: "/nonexistent/key").load()
            Issue.record("no error")
        } catch {
            #expect(error.description.contains("IDEOGRAM_API_KEY") && error.description.contains("/nonexistent/key") && error.description.contains("--demo"))
        }
    }

    @Test func aBadEnvironmentKeyIsNamedAndNotReplacedByTheFile() throws {
        let file = try keyFile("sk-file-0123456789abcd", mode: 0o600)
        #expect(throws: APIKeySource.Failure.invalid(source: "IDEOGRAM_API_KEY", .invalidCharacters)) {
            try APIKeySource(environment: ["IDEOGRAM_API_KEY": "has spaces in it"], keyFile: file).load()
        }
        // An empty variable counts as unset: the file is read.
        #expect(try APIKeySource(environment: ["IDEOGRAM_API_KEY": ""], keyFile: file).load().headerValue() == "sk-file-0123456789abcd")
    }

    @Test func theKeyNeverShowsInTheSourcesDescription() {
        let source = APIKeySource(environment: ["IDEOGRAM_API_KEY": "sk-secret-0123456789abcd"], keyFile: "/k")
        #expect(!String(describing: source).contains("sk-secret") && !String(reflecting: source).contains("sk-secret"))
    }
}
